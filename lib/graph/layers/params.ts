import { z } from 'zod';

/** Shows a bad value inside a message the way a user typed it. */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

export const positiveInt = z.unknown().transform((value, ctx) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    ctx.addIssue({ code: 'custom', message: `expected a positive integer, got ${showValue(value)}`, input: value });
    return z.NEVER;
  }
  return value;
}) as unknown as z.ZodType<number>;

function pairOf(what: string) {
  return z.unknown().transform((value, ctx): number | [number, number] => {
    const isPos = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;
    if (isPos(value)) return value;
    if (Array.isArray(value) && value.length === 2 && isPos(value[0]) && isPos(value[1])) return [value[0], value[1]];
    ctx.addIssue({
      code: 'custom',
      message: `expected ${what} as a positive integer or [height, width], got ${showValue(value)}`,
      input: value,
    });
    return z.NEVER;
  }) as unknown as z.ZodType<number | [number, number]>;
}

/** kernelSize, poolSize, strides: a number or [h, w]. */
export const sizePair = pairOf('a size');

export function oneOf<const T extends readonly [string, ...string[]]>(options: T) {
  return z.unknown().transform((value, ctx): T[number] => {
    if (typeof value === 'string' && (options as readonly string[]).includes(value)) return value as T[number];
    ctx.addIssue({
      code: 'custom',
      message: `expected one of ${options.map((o) => `'${o}'`).join(', ')}, got ${showValue(value)}`,
      input: value,
    });
    return z.NEVER;
  }) as unknown as z.ZodType<T[number]>;
}

export function numberIn(min: number, max: number, opts: { maxExclusive?: boolean; minExclusive?: boolean } = {}) {
  const range = `${opts.minExclusive ? '(' : '['}${min}, ${max}${opts.maxExclusive ? ')' : ']'}`;
  return z.unknown().transform((value, ctx) => {
    const ok =
      typeof value === 'number' &&
      Number.isFinite(value) &&
      (opts.minExclusive ? value > min : value >= min) &&
      (opts.maxExclusive ? value < max : value <= max);
    if (!ok) {
      ctx.addIssue({ code: 'custom', message: `expected a number in ${range}, got ${showValue(value)}`, input: value });
      return z.NEVER;
    }
    return value as number;
  }) as unknown as z.ZodType<number>;
}

export const booleanParam = z.unknown().transform((value, ctx) => {
  if (typeof value !== 'boolean') {
    ctx.addIssue({ code: 'custom', message: `expected true or false, got ${showValue(value)}`, input: value });
    return z.NEVER;
  }
  return value;
}) as unknown as z.ZodType<boolean>;

export const activations = [
  'linear',
  'relu',
  'relu6',
  'elu',
  'selu',
  'sigmoid',
  'hardSigmoid',
  'tanh',
  'softmax',
  'softplus',
  'softsign',
  'swish',
] as const;
export type ActivationName = (typeof activations)[number];
export const activation = oneOf(activations);

export const paddings = ['valid', 'same'] as const;
export const padding = oneOf(paddings);
