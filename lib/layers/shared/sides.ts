import { z } from 'zod';
import { shapeError, shapeOk, type LayerProblem, type ShapeResult } from '../../graph/issues';
import { PARAM_LIMITS, showLimit, showValue } from './params';

/** Padding or cropping per side, as Keras's canonical form: [[top, bottom], [left, right]]. */
export type Sides = [[number, number], [number, number]];

const isSide = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
const isPairOf = (v: unknown, ok: (x: unknown) => boolean): v is [number, number] => Array.isArray(v) && v.length === 2 && ok(v[0]) && ok(v[1]);

/** Any of Keras's three forms (an int, [symmetric_h, symmetric_w], [[top, bottom], [left, right]]) as the canonical one, or null. */
export function toSides(value: unknown, ok: (v: unknown) => boolean = isSide): Sides | null {
  if (ok(value)) return [[value as number, value as number], [value as number, value as number]];
  if (isPairOf(value, ok)) return [[value[0], value[0]], [value[1], value[1]]];
  if (Array.isArray(value) && value.length === 2 && isPairOf(value[0], ok) && isPairOf(value[1], ok)) {
    return [[value[0][0], value[0][1]], [value[1][0], value[1][1]]];
  }
  return null;
}

/**
 * ZeroPadding2D's padding and Cropping2D's cropping: Keras's three forms are
 * accepted and stored as [[top, bottom], [left, right]]; each side is a
 * whole number from 0 to PARAM_LIMITS.inputSide (an image's largest side).
 */
export function sidesParam(what: 'padding' | 'cropping') {
  const max = PARAM_LIMITS.inputSide;
  return z.unknown().transform((value, ctx): Sides => {
    const sides = toSides(value, (v) => isSide(v) && v <= max);
    if (sides) return sides;
    ctx.addIssue({
      code: 'custom',
      message: toSides(value)
        ? `expected ${what} of at most ${showLimit(max)} per side, got ${showValue(value)}`
        : `expected ${what} as a whole number, [height, width] or [[top, bottom], [left, right]] of whole numbers from 0, got ${showValue(value)}`,
      input: value,
    });
    return z.NEVER;
  }) as unknown as z.ZodType<Sides>;
}

/** The shortest of Keras's forms that says the same: `1`, `1, 2` (height, width) or `1, 2, 3, 4` (top, bottom, left, right). */
export function sidesText(sides: Sides): string {
  const [[top, bottom], [left, right]] = sides;
  if (top === bottom && left === right) return top === left ? String(top) : `${top}, ${left}`;
  return `${top}, ${bottom}, ${left}, ${right}`;
}

/** The node badge: `1×1` when symmetric (height × width), else `t1 b2 · l3 r4`. */
export function sidesBadge(sides: Sides): string {
  const [[top, bottom], [left, right]] = sides;
  if (top === bottom && left === right) return `${top}×${left}`;
  return `t${top} b${bottom} · l${left} r${right}`;
}

/**
 * The output of a layer that grows an image (UpSampling2D, ZeroPadding2D), or
 * the problem when a side would pass PARAM_LIMITS.inputSide, the largest image
 * side an Input may have: chained, such layers would otherwise ask a tab for
 * gigabytes (and a shared link could ask a viewer's).
 */
export function grownImage(type: string, shape: [number, number, number], remedy: string, fix?: LayerProblem['fix']): ShapeResult {
  const [h, w] = shape;
  const limit = PARAM_LIMITS.inputSide;
  if (h <= limit && w <= limit) return shapeOk(shape);
  const size = `${showLimit(h)}×${showLimit(w)}`;
  return shapeError({
    code: 'imageTooLarge',
    values: { layer: type, size, limit },
    message: `${type} would make an image of ${size}, larger than the limit of ${showLimit(limit)} per side: ${remedy}`,
    ...(fix ? { fix } : {}),
  });
}
