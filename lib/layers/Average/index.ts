import { z } from 'zod';
import { defineLayer, noParams } from '../shared/define';
import { elementwiseMerge } from '../shared/merge';

export const AverageParams = z.strictObject({});
export type AverageParams = z.infer<typeof AverageParams>;

export const Average = defineLayer({
  type: 'Average',
  category: 'merge',
  paletteRank: 40,
  idPrefix: 'average',
  params: AverageParams,
  initialParams: {},
  inputs: { min: 2, max: Number.POSITIVE_INFINITY },
  outputShape: (inputs) => elementwiseMerge('Average', inputs),
  paramCount: () => noParams,
  summary: () => '',
  spoken: (_p, inputs) => ({ inputs }),
  fields: [],
  keras: (_p, name) => `layers.Average(name=${name})`,
});
