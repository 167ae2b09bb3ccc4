import { defineOnnx } from '../shared/onnx';
import type { BatchNormalizationParams } from '.';

export const onnx = defineOnnx<BatchNormalizationParams>((p, context) => {
  const gamma = context.weight('gamma').values;
  const beta = context.weight('beta').values;
  const mean = context.weight('moving_mean').values;
  const variance = context.weight('moving_variance').values;
  const channels = gamma.length;
  if (context.inputShapes[0]!.length !== 2) {
    // [N, C] and [N, C, H, W]: the channel axis is ONNX's axis 1.
    const stats = [context.constant('gamma', [channels], gamma), context.constant('beta', [channels], beta), context.constant('moving_mean', [channels], mean), context.constant('moving_variance', [channels], variance)];
    context.node('BatchNormalization', [context.inputs[0]!, ...stats], { epsilon: { float: p.epsilon } }, context.output);
    return;
  }
  // [N, h, w] normalises the last axis, which ONNX's BatchNormalization cannot: x·scale + shift, broadcast over w.
  const scale = new Float32Array(channels);
  const shift = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    scale[c] = gamma[c]! / Math.sqrt(variance[c]! + p.epsilon);
    shift[c] = beta[c]! - mean[c]! * scale[c]!;
  }
  const scaled = context.node('Mul', [context.inputs[0]!, context.constant('scale', [channels], scale)]);
  context.node('Add', [scaled, context.constant('shift', [channels], shift)], undefined, context.output);
});
