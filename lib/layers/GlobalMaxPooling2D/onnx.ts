import { defineOnnx } from '../shared/onnx';
import type { GlobalMaxPooling2DParams } from '.';

export const onnx = defineOnnx<GlobalMaxPooling2DParams>((_p, context) => {
  const pooled = context.node('GlobalMaxPool', [context.inputs[0]!]); // [N, C, 1, 1]
  context.node('Flatten', [pooled], { axis: { int: 1 } }, context.output);
});
