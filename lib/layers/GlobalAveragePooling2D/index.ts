import { z } from 'zod';
import { shapeError, shapeOk } from '../../graph/issues';
import { expectImage } from '../shared/window';
import { defineLayer, noParams } from '../shared/define';

export const GlobalAveragePooling2DParams = z.strictObject({});
export type GlobalAveragePooling2DParams = z.infer<typeof GlobalAveragePooling2DParams>;

export const GlobalAveragePooling2D = defineLayer({
  type: 'GlobalAveragePooling2D',
  category: 'pooling',
  paletteRank: 30,
  idPrefix: 'gap',
  params: GlobalAveragePooling2DParams,
  initialParams: {},
  inputs: { min: 1, max: 1 },
  outputShape(inputs) {
    const input = inputs[0];
    const problem = expectImage('GlobalAveragePooling2D', input);
    if (problem || !input) return shapeError(problem!);
    return shapeOk([input[2]!]);
  },
  paramCount: () => noParams,
  summary: () => '',
  spoken: () => ({}),
  fields: [],
  keras: (_p, name) => `layers.GlobalAveragePooling2D(name=${name})`,
});
