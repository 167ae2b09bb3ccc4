import { z } from 'zod';
import { shapeError, shapeOk } from '../../graph/issues';
import { expectImage } from '../shared/window';
import { defineLayer, noParams } from '../shared/define';

export const GlobalMaxPooling2DParams = z.strictObject({});
export type GlobalMaxPooling2DParams = z.infer<typeof GlobalMaxPooling2DParams>;

export const GlobalMaxPooling2D = defineLayer({
  type: 'GlobalMaxPooling2D',
  category: 'pooling',
  paletteRank: 40,
  idPrefix: 'gmp',
  params: GlobalMaxPooling2DParams,
  initialParams: {},
  inputs: { min: 1, max: 1 },
  outputShape(inputs) {
    const input = inputs[0];
    const problem = expectImage('GlobalMaxPooling2D', input);
    if (problem || !input) return shapeError(problem!);
    return shapeOk([input[2]!]);
  },
  paramCount: () => noParams,
  summary: () => '',
  spoken: () => ({}),
  fields: [],
  keras: (_p, name) => `layers.GlobalMaxPooling2D(name=${name})`,
});
