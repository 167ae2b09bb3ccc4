import { z } from 'zod';
import { defineLayer, noParams } from '../shared/define';
import { elementwiseMerge } from '../shared/merge';

export const MaximumParams = z.strictObject({});
export type MaximumParams = z.infer<typeof MaximumParams>;

export const Maximum = defineLayer({
  type: 'Maximum',
  category: 'merge',
  paletteRank: 50,
  idPrefix: 'maximum',
  params: MaximumParams,
  initialParams: {},
  inputs: { min: 2, max: Number.POSITIVE_INFINITY },
  outputShape: (inputs) => elementwiseMerge('Maximum', inputs),
  paramCount: () => noParams,
  summary: () => '',
  spoken: (_p, inputs) => ({ inputs }),
  fields: [],
  keras: (_p, name) => `layers.Maximum(name=${name})`,
});
