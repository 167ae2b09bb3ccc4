import * as tf from '@tensorflow/tfjs';
import { defineTfjs, seededKernel, tfActivation } from '../shared/tfjs';
import type { Conv2DTransposeParams } from '.';

export const build = defineTfjs<Conv2DTransposeParams>((p, context) =>
  tf.layers.conv2dTranspose({
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
