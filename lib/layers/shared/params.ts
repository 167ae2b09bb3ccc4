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

/**
 * The largest value each size param may take: far above any network a
 * browser can train (see lib/graph/memory.ts), low enough that shapes and
 * parameter counts stay exact integers and a shared link cannot ask a
 * viewer's tab for terabytes. lib/api/README.md states the same table.
 */
export const PARAM_LIMITS = {
  /** Conv2D filters, Dense units. */
  units: 65_536,
  /** kernelSize, poolSize and strides, per side. */
  window: 64,
  /** An Input's height and width (and each side of a 2-D input). */
  inputSide: 4_096,
  /** An Input's channels (the last of three dimensions). */
  inputChannels: 64,
  /** A flat Input [n]. */
  inputLength: 1_048_576,
  /** DepthwiseConv2D and SeparableConv2D: output channels per input channel (MobileNet uses 1). */
  depthMultiplier: 64,
  /** Parameters of one layer, and of the whole model (an analysis error above it). */
  params: 1_000_000_000,
} as const;

/**
 * The limit a value of this param goes over, or null: for the inspector,
 * which names the param and the limit in the user's language.
 */
export function exceededLimit(key: string, value: unknown): number | null {
  const over = (v: unknown, max: number) => typeof v === 'number' && v > max;
  if (key === 'filters' || key === 'units') return over(value, PARAM_LIMITS.units) ? PARAM_LIMITS.units : null;
  if (key === 'depthMultiplier') return over(value, PARAM_LIMITS.depthMultiplier) ? PARAM_LIMITS.depthMultiplier : null;
  if (key === 'kernelSize' || key === 'poolSize' || key === 'strides' || key === 'size') {
    const sides = Array.isArray(value) ? value : [value];
    return sides.some((v) => over(v, PARAM_LIMITS.window)) ? PARAM_LIMITS.window : null;
  }
  // ZeroPadding2D's padding and Cropping2D's cropping, per side (Conv2D's padding is a word and never over).
  if (key === 'padding' || key === 'cropping') return [value].flat(2).some((v) => over(v, PARAM_LIMITS.inputSide)) ? PARAM_LIMITS.inputSide : null;
  if (key === 'targetShape' && Array.isArray(value)) return value.some((v) => over(v, PARAM_LIMITS.inputLength)) ? PARAM_LIMITS.inputLength : null;
  if (key === 'shape' && Array.isArray(value) && value.length >= 1 && value.length <= 3) {
    const limits = value.length === 1 ? [PARAM_LIMITS.inputLength] : [PARAM_LIMITS.inputSide, PARAM_LIMITS.inputSide, PARAM_LIMITS.inputChannels];
    const at = value.findIndex((d, i) => over(d, limits[i]!));
    return at === -1 ? null : limits[at]!;
  }
  return null;
}

/** 65,536: limits in messages read the way the editor shows numbers. */
export const showLimit = (limit: number) => limit.toLocaleString('en-US');

const isPositiveInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 1;

/** A positive integer, at most `max`. */
export function positiveIntUpTo(max: number) {
  return z.unknown().transform((value, ctx) => {
    if (!isPositiveInt(value)) {
      ctx.addIssue({ code: 'custom', message: `expected a positive integer, got ${showValue(value)}`, input: value });
      return z.NEVER;
    }
    if (value > max) {
      ctx.addIssue({ code: 'custom', message: `expected at most ${showLimit(max)}, got ${showValue(value)}`, input: value });
      return z.NEVER;
    }
    return value;
  }) as unknown as z.ZodType<number>;
}

/** Filters and units. */
export const positiveInt = positiveIntUpTo(PARAM_LIMITS.units);

function pairOf(what: string, max: number) {
  return z.unknown().transform((value, ctx): number | [number, number] => {
    const ok = (v: unknown): v is number => isPositiveInt(v) && v <= max;
    if (ok(value)) return value;
    if (Array.isArray(value) && value.length === 2 && ok(value[0]) && ok(value[1])) return [value[0], value[1]];
    const tooLarge = isPositiveInt(value) || (Array.isArray(value) && value.length === 2 && value.every(isPositiveInt));
    ctx.addIssue({
      code: 'custom',
      message: tooLarge
        ? `expected ${what} of at most ${showLimit(max)} per side, got ${showValue(value)}`
        : `expected ${what} as a positive integer or [height, width], got ${showValue(value)}`,
      input: value,
    });
    return z.NEVER;
  }) as unknown as z.ZodType<number | [number, number]>;
}

/** kernelSize, poolSize, strides: a number or [h, w]. */
export const sizePair = pairOf('a size', PARAM_LIMITS.window);

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
  // tfjs-layers 4.22 has these three too (ActivationIdentifier); Keras knows
  // gelu and mish by name, gelu_new is its gelu(approximate=True) (pyActivation).
  'gelu',
  'gelu_new',
  'mish',
] as const;
export type ActivationName = (typeof activations)[number];
export const activation = oneOf(activations);

export const paddings = ['valid', 'same'] as const;
export const padding = oneOf(paddings);

/** A finite number ≥ 0 with no upper limit (ReLU's maxValue, LeakyReLU's alpha). */
export const nonNegativeNumber = z.unknown().transform((value, ctx) => {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    ctx.addIssue({ code: 'custom', message: `expected a number of 0 or more, got ${showValue(value)}`, input: value });
    return z.NEVER;
  }
  return value;
}) as unknown as z.ZodType<number>;
