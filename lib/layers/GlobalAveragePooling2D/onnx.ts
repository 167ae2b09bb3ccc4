import { defineOnnx } from '../shared/onnx';
import type { GlobalAveragePooling2DParams } from '.';

export const onnx = defineOnnx<GlobalAveragePooling2DParams>((_p, context) => {
  const pooled = context.node('GlobalAveragePool', [context.inputs[0]!]); // [N, C, 1, 1]
  context.node('Flatten', [pooled], { axis: { int: 1 } }, context.output);
});
