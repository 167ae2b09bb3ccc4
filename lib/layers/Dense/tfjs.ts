import * as tf from '@tensorflow/tfjs';
import { defineTfjs, seededKernel, tfActivation } from '../shared/tfjs';
import type { DenseParams } from '.';

export const build = defineTfjs<DenseParams>((p, context) =>
  tf.layers.dense({ name: context.name, units: p.units, activation: tfActivation(p.activation), useBias: p.useBias, ...seededKernel(context) }),
);
