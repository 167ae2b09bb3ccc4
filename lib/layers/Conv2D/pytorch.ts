import { toPair } from '../../graph/shape';
import { channelAxis, tfPads } from '../shared/export';
import { definePytorch, pyActivation } from '../shared/pytorch';
import { pyBool, pyTuple } from '../shared/python';
import type { Conv2DParams } from '.';

export const pytorch = definePytorch<Conv2DParams>({
  module: (p, { inputShapes }) =>
    `nn.Conv2d(${inputShapes[0]![2]}, ${p.filters}, ${pyTuple(toPair(p.kernelSize))}, stride=${pyTuple(toPair(p.strides))}, bias=${pyBool(p.useBias)})`,
  forward(p, { attr, inputs, inputShapes, outputShape }) {
    const pads = tfPads(inputShapes[0]!, p.kernelSize, p.strides, p.padding);
    const x = pads.some((n) => n > 0) ? `_pad(${inputs[0]}, ${pyTuple(pads)})` : inputs[0]!;
    return pyActivation(p.activation, `self.${attr}(${x})`, channelAxis(outputShape));
  },
  loadWeights: (p, { attr, key }) => [
    // Keras kernels are [kh, kw, in, out]; PyTorch's are [out, in, kh, kw].
    `model.${attr}.weight.copy_(_tensor(weights[${key('kernel')}].transpose(3, 2, 0, 1)))`,
    ...(p.useBias ? [`model.${attr}.bias.copy_(_tensor(weights[${key('bias')}]))`] : []),
  ],
});
