import { channelsFirstAxis } from '../shared/export';
import { defineOnnx } from '../shared/onnx';
import type { ConcatenateParams } from '.';

export const onnx = defineOnnx<ConcatenateParams>((p, context) => {
  const rank = context.outputShape.length;
  // Keras counts axis 0 as the batch; shapes leave it out.
  const axis = channelsFirstAxis(rank, p.axis < 0 ? rank + p.axis : p.axis - 1);
  context.node('Concat', context.inputs, { axis: { int: axis } }, context.output);
});
