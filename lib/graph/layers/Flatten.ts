import { z } from 'zod';
import { shapeOk } from '../issues';
import { product } from '../shape';
import { defineLayer, noParams } from './define';

export const FlattenParams = z.strictObject({});
export type FlattenParams = z.infer<typeof FlattenParams>;

export const Flatten = defineLayer({
  type: 'Flatten',
  category: 'core',
  params: FlattenParams,
  initialParams: {},
  inputs: { min: 1, max: 1 },
  outputShape: (inputs) => shapeOk([product(inputs[0] ?? [])]),
  paramCount: () => noParams,
  summary: () => '',
});
