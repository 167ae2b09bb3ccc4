import { defineOnnx } from '../shared/onnx';
import type { ReLUParams } from '.';

// tfjs: relu, then clipped to [0, maxValue] when there is one.
export const onnx = defineOnnx<ReLUParams>((p, context) => {
  const x = context.inputs[0]!;
  if (p.maxValue === undefined) {
    context.node('Relu', [x], undefined, context.output);
    return;
  }
  const min = context.constant('min', [], new Float32Array([0]));
  const max = context.constant('max', [], new Float32Array([p.maxValue]));
  context.node('Clip', [x, min, max], undefined, context.output);
});
