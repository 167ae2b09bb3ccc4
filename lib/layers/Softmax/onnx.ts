import { resolveAxis } from '../shared/axis';
import { channelsFirstAxis } from '../shared/export';
import { defineOnnx } from '../shared/onnx';
import type { SoftmaxParams } from '.';

// The axis is the input's last (the analyzer refuses any other): the channels, ONNX's axis 1 for images, the last for [n] and [h, w].
export const onnx = defineOnnx<SoftmaxParams>((p, context) => {
  const rank = context.inputShapes[0]!.length;
  context.node('Softmax', context.inputs, { axis: { int: channelsFirstAxis(rank, resolveAxis(p.axis, rank)!) } }, context.output);
});
