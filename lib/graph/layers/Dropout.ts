import { z } from 'zod';
import { shapeOk } from '../issues';
import { defineLayer, noParams } from './define';
import { numberIn } from './params';

export const DropoutParams = z.strictObject({ rate: numberIn(0, 1, { maxExclusive: true }) });
export type DropoutParams = z.infer<typeof DropoutParams>;

export const Dropout = defineLayer({
  type: 'Dropout',
  category: 'regularization',
  params: DropoutParams,
  initialParams: { rate: 0.2 },
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => shapeOk([...(inputs[0] ?? [])]),
  paramCount: () => noParams,
  summary: (p) => `rate ${p.rate}`,
});
