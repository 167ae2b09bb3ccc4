import { definePytorch } from '../shared/pytorch';
import type { ReshapeParams } from '.';

/** Keras reshapes channels-last: permute an image to NHWC, reshape, and permute a rank-3 result back to NCHW. */
export const pytorch = definePytorch<ReshapeParams>({
  forward(_p, { inputs, inputShapes, outputShape }) {
    const x = inputShapes[0]!.length === 3 ? `${inputs[0]}.permute(0, 2, 3, 1)` : inputs[0]!;
    const reshaped = `${x}.reshape(-1, ${outputShape.join(', ')})`;
    return outputShape.length === 3 ? `${reshaped}.permute(0, 3, 1, 2)` : reshaped;
  },
});
