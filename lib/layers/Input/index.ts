import { z } from 'zod';
import { shapeOk } from '../../graph/issues';
import { defineLayer, noParams } from '../shared/define';
import { PARAM_LIMITS, showLimit, showValue } from '../shared/params';
import { pyTuple } from '../shared/python';

/** The largest value of each dimension of an Input of this rank: [n], [h, w] or [h, w, c]. */
export function inputShapeLimits(rank: number): number[] {
  if (rank === 1) return [PARAM_LIMITS.inputLength];
  return [PARAM_LIMITS.inputSide, PARAM_LIMITS.inputSide, PARAM_LIMITS.inputChannels].slice(0, rank);
}

const inputShape = z.unknown().transform((value, ctx): number[] => {
  const ok =
    Array.isArray(value) &&
    value.length >= 1 &&
    value.length <= 3 &&
    value.every((d) => typeof d === 'number' && Number.isInteger(d) && d >= 1);
  if (!ok) {
    ctx.addIssue({
      code: 'custom',
      message: `expected a shape [height, width, channels] of positive integers, got ${showValue(value)}`,
      input: value,
    });
    return z.NEVER;
  }
  const limits = inputShapeLimits(value.length);
  if ((value as number[]).some((d, i) => d > limits[i]!)) {
    const what = value.length === 3 ? '[height, width, channels]' : value.length === 2 ? '[height, width]' : '[length]';
    ctx.addIssue({
      code: 'custom',
      message: `expected a shape ${what} of at most [${limits.map(showLimit).join(', ')}], got ${showValue(value)}`,
      input: value,
    });
    return z.NEVER;
  }
  return value as number[];
}) as unknown as z.ZodType<number[]>;

export const InputParams = z.strictObject({ shape: inputShape });
export type InputParams = z.infer<typeof InputParams>;

export const Input = defineLayer({
  type: 'Input',
  category: 'input',
  idPrefix: 'input',
  params: InputParams,
  initialParams: { shape: [28, 28, 1] },
  inputs: { min: 0, max: 0 },
  outputShape: (_inputs, p) => shapeOk([...p.shape]),
  paramCount: () => noParams,
  summary: (p) => p.shape.join('×'),
  spoken: (p) => ({ shape: p.shape.join('×') }),
  fields: [{ key: 'shape', kind: 'intList' }],
  // The exporter writes keras.Input itself; this is what a layer list would show.
  keras: (p, name) => `keras.Input(shape=${pyTuple(p.shape)}, name=${name})`,
});
