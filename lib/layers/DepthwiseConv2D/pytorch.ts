import { toPair } from '../../graph/shape';
import { channelAxis, tfPads } from '../shared/export';
import { definePytorch, pyActivation } from '../shared/pytorch';
import { pyBool, pyTuple } from '../shared/python';
import type { DepthwiseConv2DParams } from '.';

/** Keras's depthwise kernel [kh, kw, in, mult] as PyTorch's grouped weight [in·mult, 1, kh, kw] (output channel c·mult + m). */
export const depthwiseToOihw = (array: string) => `${array}.reshape(${array}.shape[0], ${array}.shape[1], -1, 1).transpose(2, 3, 0, 1)`;

export const pytorch = definePytorch<DepthwiseConv2DParams>({
  module(p, { inputShapes }) {
    const channels = inputShapes[0]![2]!;
    return `nn.Conv2d(${channels}, ${channels * p.depthMultiplier}, ${pyTuple(toPair(p.kernelSize))}, stride=${pyTuple(toPair(p.strides))}, groups=${channels}, bias=${pyBool(p.useBias)})`;
  },
  forward(p, { attr, inputs, inputShapes, outputShape }) {
    const pads = tfPads(inputShapes[0]!, p.kernelSize, p.strides, p.padding);
    const x = pads.some((n) => n > 0) ? `_pad(${inputs[0]}, ${pyTuple(pads)})` : inputs[0]!;
    return pyActivation(p.activation, `self.${attr}(${x})`, channelAxis(outputShape));
  },
  loadWeights: (p, { attr, key }) => [
    `model.${attr}.weight.copy_(_tensor(${depthwiseToOihw(`weights[${key('depthwise_kernel')}]`)}))`,
    ...(p.useBias ? [`model.${attr}.bias.copy_(_tensor(weights[${key('bias')}]))`] : []),
  ],
});
