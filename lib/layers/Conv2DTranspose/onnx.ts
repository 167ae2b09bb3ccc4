import { toPair, type Shape } from '../../graph/shape';
import { channelAxis, tfPads } from '../shared/export';
import { defineOnnx, emitActivation } from '../shared/onnx';
import type { Conv2DTransposeParams } from '.';

/**
 * Where TensorFlow's transposed convolution puts its output inside the full
 * one ((n − 1)·s + k per side): it is the gradient of a convolution over the
 * output's size, so it drops that convolution's 'same' pads (top, left) at
 * the start, and ends where the output ends. When the stride exceeds the
 * kernel, the output runs max(s − k, 0) cells past the full one (bias only there).
 */
export function transposedCrop(input: Shape, output: Shape, p: Conv2DTransposeParams) {
  const [kh, kw] = toPair(p.kernelSize);
  const [sh, sw] = toPair(p.strides);
  const [top, left] = tfPads(output, p.kernelSize, p.strides, p.padding);
  const extra = [Math.max(sh - kh, 0), Math.max(sw - kw, 0)] as const;
  const full = [(input[0]! - 1) * sh + kh + extra[0], (input[1]! - 1) * sw + kw + extra[1]] as const;
  const [outH, outW] = output as [number, number, number];
  return { top, left, bottom: full[0] - top - outH, right: full[1] - left - outW, extra, outH, outW };
}

export const onnx = defineOnnx<Conv2DTransposeParams>((p, context) => {
  const kernel = context.weight('kernel'); // [kh, kw, out, in]
  const [kh, kw, cout, cin] = kernel.shape as [number, number, number, number];
  // ConvTranspose's weight is [in, out, kh, kw].
  const iohw = new Float32Array(kernel.values.length);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let o = 0; o < cout; o++)
        for (let c = 0; c < cin; c++) iohw[((c * cout + o) * kh + i) * kw + j] = kernel.values[((i * kw + j) * cout + o) * cin + c]!;
  const inputs = [context.inputs[0]!, context.constant('kernel', [cin, cout, kh, kw], iohw)];
  if (p.useBias) inputs.push(context.constant('bias', [cout], context.weight('bias').values));
  const { top, left, bottom, right, extra } = transposedCrop(context.inputShapes[0]!, context.outputShape, p);
  const conv = context.node(
    'ConvTranspose',
    inputs,
    {
      kernel_shape: { ints: [kh, kw] },
      strides: { ints: toPair(p.strides) },
      pads: { ints: [top, left, bottom, right] },
      output_padding: { ints: extra },
    },
    p.activation === 'linear' ? context.output : undefined,
  );
  if (p.activation !== 'linear') emitActivation(context, p.activation, conv, context.output, channelAxis(context.outputShape));
});
