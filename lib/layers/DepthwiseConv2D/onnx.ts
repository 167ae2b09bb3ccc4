import { toPair } from '../../graph/shape';
import { channelAxis, tfPads } from '../shared/export';
import { defineOnnx, emitActivation, type LayerWeight } from '../shared/onnx';
import type { DepthwiseConv2DParams } from '.';

/**
 * tfjs's depthwise kernel [kh, kw, inC, mult] as ONNX's grouped Conv weight
 * [inC·mult, 1, kh, kw]: output channel c·mult + m, TensorFlow's order.
 */
export function depthwiseWeight(kernel: LayerWeight): { dims: [number, number, number, number]; values: Float32Array } {
  const [kh, kw, cin, mult] = kernel.shape as [number, number, number, number];
  const values = new Float32Array(kernel.values.length);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let c = 0; c < cin; c++)
        for (let m = 0; m < mult; m++) values[((c * mult + m) * kh + i) * kw + j] = kernel.values[((i * kw + j) * cin + c) * mult + m]!;
  return { dims: [cin * mult, 1, kh, kw], values };
}

export const onnx = defineOnnx<DepthwiseConv2DParams>((p, context) => {
  const kernel = context.weight('depthwise_kernel'); // [kh, kw, in, mult]
  const { dims, values } = depthwiseWeight(kernel);
  const inputs = [context.inputs[0]!, context.constant('depthwise_kernel', dims, values)];
  if (p.useBias) inputs.push(context.constant('bias', [dims[0]], context.weight('bias').values));
  const pads = tfPads(context.inputShapes[0]!, p.kernelSize, p.strides, p.padding);
  const conv = context.node(
    'Conv',
    inputs,
    { kernel_shape: { ints: [dims[2], dims[3]] }, strides: { ints: toPair(p.strides) }, pads: { ints: pads }, group: { int: kernel.shape[2]! } },
    p.activation === 'linear' ? context.output : undefined,
  );
  if (p.activation !== 'linear') emitActivation(context, p.activation, conv, context.output, channelAxis(context.outputShape));
});
