import { resolveAxis } from '../shared/axis';
import { channelsFirstAxis } from '../shared/export';
import { defineOnnx } from '../shared/onnx';
import type { LayerNormalizationParams } from '.';

// Opset 13 has no LayerNormalization (it came in 17): written out as tfjs
// computes it, (x - mean) / sqrt(variance + epsilon) · gamma + beta, with the
// mean and the (biased) variance over the one normalised axis.
export const onnx = defineOnnx<LayerNormalizationParams>((p, context) => {
  const input = context.inputShapes[0]!;
  const at = resolveAxis(p.axis, input.length)!;
  const axis = channelsFirstAxis(input.length, at);
  const size = input[at]!;
  // gamma and beta run along `axis` of the exported tensor (batch included, rank input.length + 1): [size, 1, …].
  const dims = [size, ...Array<number>(input.length - axis).fill(1)];
  const reduce = { axes: { ints: [axis] }, keepdims: { int: 1 } };
  const x = context.inputs[0]!;
  const mean = context.node('ReduceMean', [x], reduce);
  const centred = context.node('Sub', [x, mean]);
  const variance = context.node('ReduceMean', [context.node('Mul', [centred, centred])], reduce);
  const epsilon = context.constant('epsilon', [], new Float32Array([p.epsilon]));
  const normalised = context.node('Div', [centred, context.node('Sqrt', [context.node('Add', [variance, epsilon])])]);
  const scaled = context.node('Mul', [normalised, context.constant('gamma', dims, context.weight('gamma').values)]);
  context.node('Add', [scaled, context.constant('beta', dims, context.weight('beta').values)], undefined, context.output);
});
