import { z } from 'zod';

// zod 4 probes `new Function` once to decide whether to compile fast parsers;
// under the app's Content-Security-Policy (no 'unsafe-eval') that probe is
// refused and reported as a violation even though zod catches it. Every schema
// of the app reaches zod through this module (lib/schema imports it), so the
// setting is in place before any parse.
z.config({ jitless: true });

/** How much of a bad value a message echoes: enough to recognise it, never the whole of a huge one. */
export const SHOWN_VALUE_CHARS = 60;
/** Nesting deeper than this shows as `[…]` / `{…}`, so any depth is safe to show. */
const SHOWN_VALUE_DEPTH = 6;

/**
 * Shows a bad value inside a message the way a user typed it (JSON), cut to
 * an excerpt of SHOWN_VALUE_CHARS with an ellipsis. Stops walking as soon as
 * the excerpt is full, so an 800 KB string or a 100,000-level array costs no
 * more than a small one. Every message that echoes a value goes through here.
 */
export function showValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  const limit = SHOWN_VALUE_CHARS;
  let text = '';
  // false once the excerpt is full: the walk stops there.
  const emit = (s: string): boolean => {
    text += s;
    return text.length <= limit;
  };
  const str = (s: string) => emit(JSON.stringify(s.length > limit ? s.slice(0, limit + 1) : s));
  const walk = (v: unknown, depth: number): boolean => {
    if (typeof v === 'string') return str(v);
    if (v === null || typeof v === 'number' || typeof v === 'boolean') return emit(JSON.stringify(v));
    if (typeof v !== 'object') return emit(String(v));
    if (Array.isArray(v)) {
      if (depth >= SHOWN_VALUE_DEPTH) return emit(v.length ? '[…]' : '[]');
      if (!emit('[')) return false;
      for (let i = 0; i < v.length; i++) {
        if ((i > 0 && !emit(',')) || !walk(v[i] === undefined ? null : v[i], depth + 1)) return false;
      }
      return emit(']');
    }
    if (depth >= SHOWN_VALUE_DEPTH) return emit('{…}');
    if (!emit('{')) return false;
    let first = true;
    for (const key in v) {
      if (!Object.hasOwn(v, key)) continue;
      const child = (v as Record<string, unknown>)[key];
      if (child === undefined || typeof child === 'function') continue;
      if ((!first && !emit(',')) || !str(key) || !emit(':') || !walk(child, depth + 1)) return false;
      first = false;
    }
    return emit('}');
  };
  walk(value, 0);
  if (text.length <= limit) return text;
  // Do not split a surrogate pair.
  const end = /[\uD800-\uDBFF]/.test(text[limit - 1] ?? '') ? limit - 1 : limit;
  return `${text.slice(0, end)}…`;
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
