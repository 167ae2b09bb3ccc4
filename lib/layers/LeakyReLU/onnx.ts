import { defineOnnx } from '../shared/onnx';
import type { LeakyReLUParams } from '.';

export const onnx = defineOnnx<LeakyReLUParams>((p, context) => void context.node('LeakyRelu', context.inputs, { alpha: { float: p.alpha } }, context.output));
