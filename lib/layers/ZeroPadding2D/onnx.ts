import { defineOnnx } from '../shared/onnx';
import type { ZeroPadding2DParams } from '.';

/**
 * Pad over [N·C, H, W], between two Reshapes (which cost no copy):
 * onnxruntime's PadFusion would otherwise fold a zero Pad right before a
 * MaxPool or AveragePool into the pool's own pads, which pools skip instead
 * of reading as zeros (a wrong maximum or mean; a refused session once the
 * folded pads reach the window).
 */
export const onnx = defineOnnx<ZeroPadding2DParams>((p, context) => {
  const [h, w, c] = context.inputShapes[0]! as [number, number, number];
  const [outH, outW] = context.outputShape as [number, number, number];
  const [[top, bottom], [left, right]] = p.padding;
  const planes = context.node('Reshape', [context.inputs[0]!, context.intConstant('planes', [3], [-1, h, w])]); // [N·C, H, W]
  // Every axis's start, then every axis's end.
  const padded = context.node('Pad', [planes, context.intConstant('pads', [6], [0, top, left, 0, bottom, right])], { mode: { string: 'constant' } });
  context.node('Reshape', [padded, context.intConstant('shape', [4], [-1, c, outH, outW])], undefined, context.output);
});
