import { z } from 'zod';
import { shapeError, shapeOk } from '../../graph/issues';
import { defineLayer, noParams } from '../shared/define';
import { showLimit } from '../shared/params';
import { pyTuple } from '../shared/python';
import { sidesBadge, sidesParam } from '../shared/sides';
import { expectImage } from '../shared/window';

export const Cropping2DParams = z.strictObject({
  /** [[top, bottom], [left, right]]; an int or [h, w] are accepted too, as in Keras. */
  cropping: sidesParam('cropping').default([
    [0, 0],
    [0, 0],
  ]),
});
export type Cropping2DParams = z.infer<typeof Cropping2DParams>;

export const Cropping2D = defineLayer({
  type: 'Cropping2D',
  category: 'reshaping',
  paletteRank: 60,
  idPrefix: 'crop',
  params: Cropping2DParams,
  initialParams: {
    cropping: [
      [1, 1],
      [1, 1],
    ],
  },
  inputs: { min: 1, max: 1 },
  outputShape(inputs, p) {
    const input = inputs[0];
    const problem = expectImage('Cropping2D', input);
    if (problem || !input) return shapeError(problem!);
    const [h, w, c] = input as [number, number, number];
    const [[top, bottom], [left, right]] = p.cropping;
    for (const [side, size, crop] of [
      ['rows', h, top + bottom],
      ['columns', w, left + right],
    ] as const) {
      if (crop >= size) {
        return shapeError({
          code: 'cropsEverything',
          values: { side, crop, size },
          message: `Cropping2D crops ${showLimit(crop)} ${side} from a ${showLimit(size)}-${side === 'rows' ? 'row' : 'column'} input, leaving none: crop fewer ${side}`,
        });
      }
    }
    return shapeOk([h - top - bottom, w - left - right, c]);
  },
  paramCount: () => noParams,
  summary: (p) => sidesBadge(p.cropping),
  spoken: (p) => ({ top: p.cropping[0][0], bottom: p.cropping[0][1], left: p.cropping[1][0], right: p.cropping[1][1] }),
  fields: [{ key: 'cropping', kind: 'sides' }],
  keras: (p, name) => `layers.Cropping2D(cropping=(${pyTuple(p.cropping[0])}, ${pyTuple(p.cropping[1])}), name=${name})`,
});
