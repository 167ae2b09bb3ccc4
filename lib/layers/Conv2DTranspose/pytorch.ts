import { toPair } from '../../graph/shape';
import { channelAxis } from '../shared/export';
import { definePytorch, pyActivation } from '../shared/pytorch';
import { pyBool, pyTuple } from '../shared/python';
import { transposedCrop } from './onnx';
import type { Conv2DTransposeParams } from '.';

/**
 * nn.ConvTranspose2d without padding gives the full output (plus
 * output_padding where the stride exceeds the kernel); TensorFlow's
 * uneven 'same' crop is then a slice.
 */
export const pytorch = definePytorch<Conv2DTransposeParams>({
  module(p, { inputShapes, outputShape }) {
    const { extra } = transposedCrop(inputShapes[0]!, outputShape, p);
    const padding = extra.some((n) => n > 0) ? `, output_padding=${pyTuple(extra)}` : '';
    return `nn.ConvTranspose2d(${inputShapes[0]![2]}, ${p.filters}, ${pyTuple(toPair(p.kernelSize))}, stride=${pyTuple(toPair(p.strides))}${padding}, bias=${pyBool(p.useBias)})`;
  },
  forward(p, { attr, inputs, inputShapes, outputShape }) {
    const { top, left, bottom, right, outH, outW } = transposedCrop(inputShapes[0]!, outputShape, p);
    const full = `self.${attr}(${inputs[0]})`;
    const y = top + left + bottom + right > 0 ? `${full}[:, :, ${top}:${top + outH}, ${left}:${left + outW}]` : full;
    return pyActivation(p.activation, y, channelAxis(outputShape));
  },
  loadWeights: (p, { attr, key }) => [
    // Keras's transposed kernels are [kh, kw, out, in]; PyTorch's are [in, out, kh, kw].
    `model.${attr}.weight.copy_(_tensor(weights[${key('kernel')}].transpose(3, 2, 0, 1)))`,
    ...(p.useBias ? [`model.${attr}.bias.copy_(_tensor(weights[${key('bias')}]))`] : []),
  ],
});
