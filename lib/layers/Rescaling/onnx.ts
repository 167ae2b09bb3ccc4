import { defineOnnx } from '../shared/onnx';
import type { RescalingParams } from '.';

// x · scale + offset, inside the model: CNN Studio feeds it pixels already divided by 255
// (lib/train/worker/batches.ts), as the exported input is, so the input's preprocessing stays as stated.
export const onnx = defineOnnx<RescalingParams>((p, context) => {
  const scaled = context.node('Mul', [context.inputs[0]!, context.constant('scale', [], new Float32Array([p.scale]))], undefined, p.offset === 0 ? context.output : undefined);
  if (p.offset !== 0) context.node('Add', [scaled, context.constant('offset', [], new Float32Array([p.offset]))], undefined, context.output);
});
