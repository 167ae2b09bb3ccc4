import { z } from 'zod';
import { showValue } from './params';

/** A Keras axis: a non-zero integer (0 is the batch, which our shapes leave out; -1 is the last). */
export const axisParam = z.unknown().transform((value, ctx) => {
  if (typeof value !== 'number' || !Number.isInteger(value) || value === 0) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a non-zero integer axis (-1 is the last; 0 is the batch), got ${showValue(value)}`,
      input: value,
    });
    return z.NEVER;
  }
  return value;
}) as unknown as z.ZodType<number>;

/**
 * Where a Keras axis falls in a shape without the batch (0-based), or null
 * when the shape has no such axis: -1 is the last, 1 the first.
 */
export function resolveAxis(axis: number, rank: number): number | null {
  const at = axis < 0 ? rank + axis : axis - 1;
  return at >= 0 && at < rank ? at : null;
}
