import { defineOnnx } from '../shared/onnx';
import type { MultiplyParams } from '.';

// ONNX's Mul takes two inputs: a chain, left to right as tfjs multiplies.
export const onnx = defineOnnx<MultiplyParams>((_p, context) => {
  const [first, ...rest] = context.inputs;
  let product = first!;
  rest.forEach((x, i) => {
    product = context.node('Mul', [product, x], undefined, i === rest.length - 1 ? context.output : undefined);
  });
});
