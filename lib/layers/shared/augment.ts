// Pure helpers shared by the augmentation layers (RandomFlip, RandomTranslation,
// RandomRotation, RandomZoom, RandomContrast): Keras's factor params, which are
// a number f (the range [-f, f]) or a pair [lower, upper], their badges and
// their Python. The tfjs side is in tfjs-augment.ts.
import { z } from 'zod';
import { shapeError, shapeOk, type ShapeResult } from '../../graph/issues';
import type { Shape } from '../../graph/shape';
import { showValue } from './params';
import { pyNumber } from './python';
import { expectImage } from './window';

/** A Keras factor: f means [-f, f] (for contrast, [1 - f, 1 + f]); [lower, upper] as given. */
export type Factor = number | [number, number];

/**
 * A factor as Keras takes it: a number in [0, max], or a pair [lower, upper]
 * with each side in [pairMin, max] and, when `ordered`, lower ≤ upper
 * (RandomContrast's pair is two distances from 1, so it is not ordered).
 * Messages name the value and the range in plain words.
 */
export function factorParam(max = 1, pairMin = -max, ordered = true) {
  const inRange = (v: unknown, lo: number): v is number => typeof v === 'number' && Number.isFinite(v) && v >= lo && v <= max;
  return z.unknown().transform((value, ctx): Factor => {
    if (inRange(value, 0)) return value;
    if (Array.isArray(value) && value.length === 2 && inRange(value[0], pairMin) && inRange(value[1], pairMin)) {
      if (!ordered || value[0] <= value[1]) return [value[0], value[1]];
      ctx.addIssue({ code: 'custom', message: `expected lower ≤ upper, got ${showValue(value)}`, input: value });
      return z.NEVER;
    }
    ctx.addIssue({
      code: 'custom',
      message: `expected a number in [0, ${max}] or [lower, upper] within [${pairMin}, ${max}], got ${showValue(value)}`,
      input: value,
    });
    return z.NEVER;
  }) as unknown as z.ZodType<Factor>;
}

/** A finite number (Rescaling's scale and offset). */
export const finiteNumber = z.unknown().transform((value, ctx) => {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  ctx.addIssue({ code: 'custom', message: `expected a number, got ${showValue(value)}`, input: value });
  return z.NEVER;
}) as unknown as z.ZodType<number>;

/** [lower, upper] of a symmetric factor: f -> [-f, f]. */
export function factorRange(factor: Factor): [number, number] {
  return typeof factor === 'number' ? [-factor, factor] : [factor[0], factor[1]];
}

/** `±0.1` or `-0.1…0.2`, the way badges show a factor. */
export function factorBadge(factor: Factor): string {
  return typeof factor === 'number' ? `±${factor}` : `${factor[0]}…${factor[1]}`;
}

/** `0.1` or `(-0.1, 0.2)`, the way Keras takes a factor. */
export function pyFactor(factor: Factor): string {
  return typeof factor === 'number' ? pyNumber(factor) : `(${pyNumber(factor[0])}, ${pyNumber(factor[1])})`;
}

/** Augmentation keeps the image's shape; it needs an image [h, w, c]. */
export function sameImageShape(type: string, inputs: readonly Shape[]): ShapeResult {
  const input = inputs[0];
  const problem = expectImage(type, input);
  if (problem) return shapeError(problem);
  return shapeOk([...(input ?? [])]);
}

/** Keras's fill modes for points outside the image (RandomTranslation, RandomRotation, RandomZoom). */
export const fillModes = ['reflect', 'wrap', 'nearest', 'constant'] as const;
export type FillMode = (typeof fillModes)[number];
