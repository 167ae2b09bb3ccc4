import { defineOnnx, emitActivation } from '../shared/onnx';
import type { DenseParams } from '.';

export const onnx = defineOnnx<DenseParams>((p, context) => {
  const kernel = context.weight('kernel'); // [in, out], as Gemm's B
  const inputs = [context.inputs[0]!, context.constant('kernel', kernel.shape, kernel.values)];
  if (p.useBias) inputs.push(context.constant('bias', [p.units], context.weight('bias').values));
  const gemm = context.node('Gemm', inputs, undefined, p.activation === 'linear' ? context.output : undefined);
  if (p.activation !== 'linear') emitActivation(context, p.activation, gemm, context.output, 1);
});
