import { toPair } from '../../graph/shape';
import { depthwiseWeight } from '../DepthwiseConv2D/onnx';
import { channelAxis, tfPads } from '../shared/export';
import { defineOnnx, emitActivation } from '../shared/onnx';
import type { SeparableConv2DParams } from '.';

/** A depthwise Conv (group = input channels, no bias) then a 1×1 Conv with the bias, then the activation. */
export const onnx = defineOnnx<SeparableConv2DParams>((p, context) => {
  const depthwise = context.weight('depthwise_kernel'); // [kh, kw, in, mult]
  const { dims, values } = depthwiseWeight(depthwise);
  const pads = tfPads(context.inputShapes[0]!, p.kernelSize, p.strides, p.padding);
  const spread = context.node('Conv', [context.inputs[0]!, context.constant('depthwise_kernel', dims, values)], {
    kernel_shape: { ints: [dims[2], dims[3]] },
    strides: { ints: toPair(p.strides) },
    pads: { ints: pads },
    group: { int: depthwise.shape[2]! },
  });
  // [1, 1, in·mult, filters] -> [filters, in·mult, 1, 1]
  const pointwise = context.weight('pointwise_kernel');
  const [, , mixed, filters] = pointwise.shape as [number, number, number, number];
  const oi = new Float32Array(pointwise.values.length);
  for (let c = 0; c < mixed; c++) for (let o = 0; o < filters; o++) oi[o * mixed + c] = pointwise.values[c * filters + o]!;
  const inputs = [spread, context.constant('pointwise_kernel', [filters, mixed, 1, 1], oi)];
  if (p.useBias) inputs.push(context.constant('bias', [filters], context.weight('bias').values));
  const conv = context.node('Conv', inputs, { kernel_shape: { ints: [1, 1] } }, p.activation === 'linear' ? context.output : undefined);
  if (p.activation !== 'linear') emitActivation(context, p.activation, conv, context.output, channelAxis(context.outputShape));
});
