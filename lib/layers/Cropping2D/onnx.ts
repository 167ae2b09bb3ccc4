import { defineOnnx } from '../shared/onnx';
import type { Cropping2DParams } from '.';

export const onnx = defineOnnx<Cropping2DParams>((p, context) => {
  const [h, w] = context.inputShapes[0]! as [number, number, number];
  const [[top, bottom], [left, right]] = p.cropping;
  const starts = context.intConstant('starts', [2], [top, left]);
  const ends = context.intConstant('ends', [2], [h - bottom, w - right]);
  const axes = context.intConstant('axes', [2], [2, 3]); // H and W of [N, C, H, W]
  context.node('Slice', [context.inputs[0]!, starts, ends, axes], undefined, context.output);
});
