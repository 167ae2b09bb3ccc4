import * as tf from '@tensorflow/tfjs';
import { defineTfjs, tfActivation } from '../shared/tfjs';
import type { DepthwiseConv2DParams } from '.';

export const build = defineTfjs<DepthwiseConv2DParams>((p, context) => {
  const depthwiseInitializer = context.initializer('depthwise');
  return tf.layers.depthwiseConv2d({
    name: context.name,
    kernelSize: p.kernelSize,
    strides: p.strides,
    padding: p.padding,
    depthMultiplier: p.depthMultiplier,
    activation: tfActivation(p.activation),
    useBias: p.useBias,
    ...(depthwiseInitializer ? { depthwiseInitializer } : {}),
  });
});
