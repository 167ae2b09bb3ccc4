import { toPair } from '../../graph/shape';
import { depthwiseToOihw } from '../DepthwiseConv2D/pytorch';
import { channelAxis, tfPads } from '../shared/export';
import { definePytorch, pyActivation } from '../shared/pytorch';
import { pyBool, pyTuple } from '../shared/python';
import type { SeparableConv2DParams } from '.';

/** A grouped (depthwise) Conv2d without bias, then a 1×1 Conv2d with the bias: `self.<attr>[0]` and `[1]`. */
export const pytorch = definePytorch<SeparableConv2DParams>({
  module(p, { inputShapes }) {
    const channels = inputShapes[0]![2]!;
    const mixed = channels * p.depthMultiplier;
    return `nn.Sequential(nn.Conv2d(${channels}, ${mixed}, ${pyTuple(toPair(p.kernelSize))}, stride=${pyTuple(toPair(p.strides))}, groups=${channels}, bias=False), nn.Conv2d(${mixed}, ${p.filters}, 1, bias=${pyBool(p.useBias)}))`;
  },
  forward(p, { attr, inputs, inputShapes, outputShape }) {
    const pads = tfPads(inputShapes[0]!, p.kernelSize, p.strides, p.padding);
    const x = pads.some((n) => n > 0) ? `_pad(${inputs[0]}, ${pyTuple(pads)})` : inputs[0]!;
    return pyActivation(p.activation, `self.${attr}(${x})`, channelAxis(outputShape));
  },
  loadWeights: (p, { attr, key }) => [
    `model.${attr}[0].weight.copy_(_tensor(${depthwiseToOihw(`weights[${key('depthwise_kernel')}]`)}))`,
    // [1, 1, in·mult, filters] -> [filters, in·mult, 1, 1]
    `model.${attr}[1].weight.copy_(_tensor(weights[${key('pointwise_kernel')}].transpose(3, 2, 0, 1)))`,
    ...(p.useBias ? [`model.${attr}[1].bias.copy_(_tensor(weights[${key('bias')}]))`] : []),
  ],
});
