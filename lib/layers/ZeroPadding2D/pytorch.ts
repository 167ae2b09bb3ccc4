import { definePytorch } from '../shared/pytorch';
import { pyTuple } from '../shared/python';
import type { ZeroPadding2DParams } from '.';

export const pytorch = definePytorch<ZeroPadding2DParams>({
  forward(p, { inputs }) {
    const [[top, bottom], [left, right]] = p.padding;
    return `_pad(${inputs[0]}, ${pyTuple([top, left, bottom, right])})`;
  },
});
