import { definePytorch } from '../shared/pytorch';
import type { MaximumParams } from '.';

// torch.maximum takes two tensors: nested, left to right.
export const pytorch = definePytorch<MaximumParams>({
  forward: (_p, { inputs }) => inputs.slice(1).reduce((max, x) => `torch.maximum(${max}, ${x})`, inputs[0]!),
});
