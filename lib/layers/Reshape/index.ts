import { z } from 'zod';
import { shapeError, shapeOk } from '../../graph/issues';
import { formatShape, product } from '../../graph/shape';
import { defineLayer, noParams } from '../shared/define';
import { PARAM_LIMITS, showLimit, showValue } from '../shared/params';
import { pyTuple } from '../shared/python';

/** Shapes in this app have 1 to 3 dimensions ([n], [h, w], [h, w, c]): what every other layer takes. */
export const RESHAPE_MAX_RANK = 3;

const isDimension = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && (v >= 1 || v === -1);

const targetShape = z.unknown().transform((value, ctx): number[] => {
  const fail = (message: string) => {
    ctx.addIssue({ code: 'custom', message, input: value });
    return z.NEVER;
  };
  if (!Array.isArray(value) || value.length < 1 || value.length > RESHAPE_MAX_RANK || !value.every(isDimension)) {
    return fail(`expected a shape of 1 to ${RESHAPE_MAX_RANK} positive integers (one of them may be -1, inferred), got ${showValue(value)}`);
  }
  if (value.filter((d) => d === -1).length > 1) return fail(`expected at most one -1 (the inferred dimension), got ${showValue(value)}`);
  if (value.some((d) => d > PARAM_LIMITS.inputLength)) return fail(`expected each dimension to be at most ${showLimit(PARAM_LIMITS.inputLength)}, got ${showValue(value)}`);
  return value as number[];
}) as unknown as z.ZodType<number[]>;

export const ReshapeParams = z.strictObject({
  /** Without the batch dimension, as in Keras; one -1 is inferred from the input's size. */
  targetShape,
});
export type ReshapeParams = z.infer<typeof ReshapeParams>;

export const Reshape = defineLayer({
  type: 'Reshape',
  category: 'reshaping',
  paletteRank: 30,
  idPrefix: 'reshape',
  params: ReshapeParams,
  initialParams: { targetShape: [-1] },
  inputs: { min: 1, max: 1 },
  outputShape(inputs, p) {
    const input = inputs[0] ?? [];
    const count = product(input);
    const target = formatShape(p.targetShape);
    const known = product(p.targetShape.filter((d) => d !== -1));
    if (p.targetShape.includes(-1)) {
      if (count % known !== 0) {
        return shapeError({
          code: 'reshapeNotDivisible',
          values: { target, count, shape: formatShape(input), known },
          message: `Reshape to ${target} cannot infer its -1 from the ${showLimit(count)} values of ${formatShape(input)}: ${showLimit(count)} is not a multiple of ${showLimit(known)}, the product of the other dimensions`,
        });
      }
      return shapeOk(p.targetShape.map((d) => (d === -1 ? count / known : d)));
    }
    if (known !== count) {
      return shapeError({
        code: 'reshapeCountDiffers',
        values: { target, need: known, count, shape: formatShape(input) },
        message: `Reshape to ${target} needs ${showLimit(known)} values but gets ${showLimit(count)} from ${formatShape(input)}: make its dimensions multiply to ${showLimit(count)}, or put -1 for one of them`,
      });
    }
    return shapeOk([...p.targetShape]);
  },
  paramCount: () => noParams,
  summary: (p) => `→ ${formatShape(p.targetShape)}`,
  spoken: (p) => ({ shape: p.targetShape.join('×') }),
  fields: [{ key: 'targetShape', kind: 'intList' }],
  keras: (p, name) => `layers.Reshape(${pyTuple(p.targetShape)}, name=${name})`,
});
