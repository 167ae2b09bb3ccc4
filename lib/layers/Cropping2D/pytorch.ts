import { definePytorch } from '../shared/pytorch';
import type { Cropping2DParams } from '.';

export const pytorch = definePytorch<Cropping2DParams>({
  forward(p, { inputs, inputShapes }) {
    const [h, w] = inputShapes[0]! as [number, number, number];
    const [[top, bottom], [left, right]] = p.cropping;
    return `${inputs[0]}[:, :, ${top}:${h - bottom}, ${left}:${w - right}]`;
  },
});
