import * as tf from '@tensorflow/tfjs';
import { defineTfjs, tfActivation } from '../shared/tfjs';
import type { SeparableConv2DParams } from '.';

export const build = defineTfjs<SeparableConv2DParams>((p, context) => {
  const depthwiseInitializer = context.initializer('depthwise');
  const pointwiseInitializer = context.initializer('pointwise');
  return tf.layers.separableConv2d({
    name: context.name,
    filters: p.filters,
    kernelSize: p.kernelSize,
    strides: p.strides,
    padding: p.padding,
    depthMultiplier: p.depthMultiplier,
    activation: tfActivation(p.activation),
    useBias: p.useBias,
    ...(depthwiseInitializer ? { depthwiseInitializer } : {}),
    ...(pointwiseInitializer ? { pointwiseInitializer } : {}),
  });
});
