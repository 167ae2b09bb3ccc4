import { z } from 'zod';
import { shapeError } from '../../graph/issues';
import { defineLayer, noParams } from '../shared/define';
import { pyTuple } from '../shared/python';
import { grownImage, sidesBadge, sidesParam } from '../shared/sides';
import { expectImage } from '../shared/window';

export const ZeroPadding2DParams = z.strictObject({
  /** [[top, bottom], [left, right]]; an int or [h, w] are accepted too, as in Keras. */
  padding: sidesParam('padding').default([
    [1, 1],
    [1, 1],
  ]),
});
export type ZeroPadding2DParams = z.infer<typeof ZeroPadding2DParams>;

export const ZeroPadding2D = defineLayer({
  type: 'ZeroPadding2D',
  category: 'reshaping',
  paletteRank: 50,
  idPrefix: 'pad',
  params: ZeroPadding2DParams,
  initialParams: {
    padding: [
      [1, 1],
      [1, 1],
    ],
  },
  inputs: { min: 1, max: 1 },
  outputShape(inputs, p) {
    const input = inputs[0];
    const problem = expectImage('ZeroPadding2D', input);
    if (problem || !input) return shapeError(problem!);
    const [h, w, c] = input as [number, number, number];
    const [[top, bottom], [left, right]] = p.padding;
    return grownImage('ZeroPadding2D', [h + top + bottom, w + left + right, c], 'pad less');
  },
  paramCount: () => noParams,
  summary: (p) => sidesBadge(p.padding),
  spoken: (p) => ({ top: p.padding[0][0], bottom: p.padding[0][1], left: p.padding[1][0], right: p.padding[1][1] }),
  fields: [{ key: 'padding', kind: 'sides' }],
  keras: (p, name) => `layers.ZeroPadding2D(padding=(${pyTuple(p.padding[0])}, ${pyTuple(p.padding[1])}), name=${name})`,
});
