import { defineOnnx } from '../shared/onnx';
import type { MaximumParams } from '.';

// ONNX's Max: the element-wise maximum of any number of inputs.
export const onnx = defineOnnx<MaximumParams>((_p, context) => void context.node('Max', context.inputs, undefined, context.output));
