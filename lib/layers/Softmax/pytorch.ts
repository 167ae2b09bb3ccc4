import { resolveAxis } from '../shared/axis';
import { channelsFirstAxis } from '../shared/export';
import { definePytorch } from '../shared/pytorch';
import type { SoftmaxParams } from '.';

// The input's last axis (the analyzer refuses any other): the channels, dim 1 for NCHW images.
export const pytorch = definePytorch<SoftmaxParams>({
  forward(p, { inputs, inputShapes }) {
    const rank = inputShapes[0]!.length;
    return `torch.softmax(${inputs[0]}, dim=${channelsFirstAxis(rank, resolveAxis(p.axis, rank)!)})`;
  },
});
