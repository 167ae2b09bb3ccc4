import * as tf from '@tensorflow/tfjs';
import { defineTfjs, seededKernel, tfActivation } from '../shared/tfjs';
import type { Conv2DParams } from '.';

export const build = defineTfjs<Conv2DParams>((p, context) =>
  tf.layers.conv2d({
    name: context.name,
    filters: p.filters,
    kernelSize: p.kernelSize,
    strides: p.strides,
    padding: p.padding,
    activation: tfActivation(p.activation),
    useBias: p.useBias,
    ...seededKernel(context),
  }),
);
