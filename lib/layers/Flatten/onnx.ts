import { defineOnnx } from '../shared/onnx';
import type { FlattenParams } from '.';

export const onnx = defineOnnx<FlattenParams>((_p, context) => {
  // tfjs flattens channels-last: back to NHWC first, so the following Dense's rows keep their order.
  const input = context.inputShapes[0]!.length === 3 ? context.node('Transpose', [context.inputs[0]!], { perm: { ints: [0, 2, 3, 1] } }) : context.inputs[0]!;
  context.node('Flatten', [input], { axis: { int: 1 } }, context.output);
});
