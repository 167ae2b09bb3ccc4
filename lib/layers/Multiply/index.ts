import { z } from 'zod';
import { defineLayer, noParams } from '../shared/define';
import { elementwiseMerge } from '../shared/merge';

export const MultiplyParams = z.strictObject({});
export type MultiplyParams = z.infer<typeof MultiplyParams>;

export const Multiply = defineLayer({
  type: 'Multiply',
  category: 'merge',
  paletteRank: 30,
  idPrefix: 'mul',
  params: MultiplyParams,
  initialParams: {},
  inputs: { min: 2, max: Number.POSITIVE_INFINITY },
  outputShape: (inputs) => elementwiseMerge('Multiply', inputs),
  paramCount: () => noParams,
  summary: () => '',
  spoken: (_p, inputs) => ({ inputs }),
  fields: [],
  keras: (_p, name) => `layers.Multiply(name=${name})`,
});
