import { definePytorch } from '../shared/pytorch';
import type { FlattenParams } from '.';

export const pytorch = definePytorch<FlattenParams>({
  // tfjs flattens channels-last: back to NHWC first, so Keras's Dense kernels fit as they are (transposed).
  forward: (_p, { inputs, inputShapes }) =>
    inputShapes[0]!.length === 3 ? `torch.flatten(${inputs[0]}.permute(0, 2, 3, 1), 1)` : `torch.flatten(${inputs[0]}, 1)`,
});
