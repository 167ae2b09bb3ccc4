import { channelAxis } from '../shared/export';
import { defineOnnx, emitActivation } from '../shared/onnx';
import type { ActivationParams } from '.';

export const onnx = defineOnnx<ActivationParams>((p, context) =>
  emitActivation(context, p.activation, context.inputs[0]!, context.output, channelAxis(context.outputShape)),
);
