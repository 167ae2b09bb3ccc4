import { defineOnnx } from '../shared/onnx';
import type { ReshapeParams } from '.';

/**
 * Keras reshapes channels-last: an image goes back to NHWC first, the target
 * is read in [h, w, c] order, and a rank-3 result returns to NCHW.
 */
export const onnx = defineOnnx<ReshapeParams>((_p, context) => {
  const input = context.inputShapes[0]!;
  const output = context.outputShape;
  const x = input.length === 3 ? context.node('Transpose', [context.inputs[0]!], { perm: { ints: [0, 2, 3, 1] } }) : context.inputs[0]!;
  // 0 keeps the batch; the -1 is already resolved in the output shape.
  const shape = context.intConstant('shape', [output.length + 1], [0, ...output]);
  if (output.length !== 3) {
    context.node('Reshape', [x, shape], undefined, context.output);
    return;
  }
  const reshaped = context.node('Reshape', [x, shape]);
  context.node('Transpose', [reshaped], { perm: { ints: [0, 3, 1, 2] } }, context.output);
});
