import { definePytorch } from '../shared/pytorch';
import { pyNumber } from '../shared/python';
import type { ReLUParams } from '.';

export const pytorch = definePytorch<ReLUParams>({
  forward: (p, { inputs }) => (p.maxValue === undefined ? `torch.relu(${inputs[0]})` : `torch.clamp(${inputs[0]}, min=0.0, max=${pyNumber(p.maxValue)})`),
});
