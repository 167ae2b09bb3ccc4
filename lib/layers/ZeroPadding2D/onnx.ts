import { defineOnnx } from '../shared/onnx';
import type { ZeroPadding2DParams } from '.';

export const onnx = defineOnnx<ZeroPadding2DParams>((p, context) => {
  const [[top, bottom], [left, right]] = p.padding;
  // [N, C, H, W]: every axis's start, then every axis's end.
  const pads = context.intConstant('pads', [8], [0, 0, top, left, 0, 0, bottom, right]);
  context.node('Pad', [context.inputs[0]!, pads], { mode: { string: 'constant' } }, context.output);
});
