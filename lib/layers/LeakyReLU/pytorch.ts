import { definePytorch } from '../shared/pytorch';
import { pyNumber } from '../shared/python';
import type { LeakyReLUParams } from '.';

export const pytorch = definePytorch<LeakyReLUParams>({
  forward: (p, { inputs }) => `F.leaky_relu(${inputs[0]}, negative_slope=${pyNumber(p.alpha)})`,
});
