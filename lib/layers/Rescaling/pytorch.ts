import { definePytorch } from '../shared/pytorch';
import { pyNumber } from '../shared/python';
import type { RescalingParams } from '.';

// x · scale + offset, on the input already divided by 255 (as CNN Studio trains).
export const pytorch = definePytorch<RescalingParams>({
  forward(p, { inputs }) {
    const offset = p.offset === 0 ? '' : p.offset < 0 ? ` - ${pyNumber(-p.offset)}` : ` + ${pyNumber(p.offset)}`;
    return `${inputs[0]} * ${pyNumber(p.scale)}${offset}`;
  },
});
