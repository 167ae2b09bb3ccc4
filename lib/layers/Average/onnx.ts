import { defineOnnx } from '../shared/onnx';
import type { AverageParams } from '.';

// ONNX's Mean: the element-wise mean of any number of inputs.
export const onnx = defineOnnx<AverageParams>((_p, context) => void context.node('Mean', context.inputs, undefined, context.output));
