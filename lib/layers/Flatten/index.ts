import { z } from 'zod';
import { shapeOk } from '../../graph/issues';
import { product } from '../../graph/shape';
import { defineLayer, noParams } from '../shared/define';

export const FlattenParams = z.strictObject({});
export type FlattenParams = z.infer<typeof FlattenParams>;

export const Flatten = defineLayer({
  type: 'Flatten',
  category: 'reshaping',
  paletteRank: 10,
  idPrefix: 'flatten',
  params: FlattenParams,
  initialParams: {},
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => shapeOk([product(inputs[0] ?? [])]),
  paramCount: () => noParams,
  summary: () => '',
  spoken: () => ({}),
  fields: [],
  keras: (_p, name) => `layers.Flatten(name=${name})`,
});
