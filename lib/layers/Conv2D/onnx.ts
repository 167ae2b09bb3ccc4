import { toPair } from '../../graph/shape';
import { channelAxis, tfPads } from '../shared/export';
import { defineOnnx, emitActivation } from '../shared/onnx';
import type { Conv2DParams } from '.';

export const onnx = defineOnnx<Conv2DParams>((p, context) => {
  const input = context.inputShapes[0]!;
  const kernel = context.weight('kernel'); // [kh, kw, in, out]
  const [kh, kw, cin, cout] = kernel.shape as [number, number, number, number];
  const oihw = new Float32Array(kernel.values.length);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let c = 0; c < cin; c++)
        for (let o = 0; o < cout; o++) oihw[((o * cin + c) * kh + i) * kw + j] = kernel.values[((i * kw + j) * cin + c) * cout + o]!;
  const inputs = [context.inputs[0]!, context.constant('kernel', [cout, cin, kh, kw], oihw)];
  if (p.useBias) inputs.push(context.constant('bias', [cout], context.weight('bias').values));
  const [top, left, bottom, right] = tfPads(input, p.kernelSize, p.strides, p.padding);
  const conv = context.node(
    'Conv',
    inputs,
    { kernel_shape: { ints: [kh, kw] }, strides: { ints: toPair(p.strides) }, pads: { ints: [top, left, bottom, right] } },
    p.activation === 'linear' ? context.output : undefined,
  );
  if (p.activation !== 'linear') emitActivation(context, p.activation, conv, context.output, channelAxis(context.outputShape));
});
