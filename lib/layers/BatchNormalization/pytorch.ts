import { definePytorch } from '../shared/pytorch';
import { pyNumber } from '../shared/python';
import type { BatchNormalizationParams } from '.';

export const pytorch = definePytorch<BatchNormalizationParams>({
  // PyTorch's momentum weighs the new batch, Keras's the running value: 1 - momentum. Inference uses the running statistics.
  module: (p, { inputShapes }) => {
    const input = inputShapes[0]!;
    const channels = input[input.length - 1]!;
    return `nn.BatchNorm${input.length === 3 ? '2d' : '1d'}(${channels}, eps=${pyNumber(p.epsilon)}, momentum=${pyNumber(1 - p.momentum)})`;
  },
  // [N, h, w] normalises the last axis: BatchNorm1d wants the channels at dim 1.
  forward: (_p, { attr, inputs, inputShapes }) =>
    inputShapes[0]!.length === 2 ? `self.${attr}(${inputs[0]}.transpose(1, 2)).transpose(1, 2)` : `self.${attr}(${inputs[0]})`,
  loadWeights: (_p, { attr, key }) => [
    `model.${attr}.weight.copy_(_tensor(weights[${key('gamma')}]))`,
    `model.${attr}.bias.copy_(_tensor(weights[${key('beta')}]))`,
    `model.${attr}.running_mean.copy_(_tensor(weights[${key('moving_mean')}]))`,
    `model.${attr}.running_var.copy_(_tensor(weights[${key('moving_variance')}]))`,
  ],
});
