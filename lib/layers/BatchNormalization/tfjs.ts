import * as tf from '@tensorflow/tfjs';
import { defineTfjs } from '../shared/tfjs';
import type { BatchNormalizationParams } from '.';

export const build = defineTfjs<BatchNormalizationParams>((p, { name }) =>
  tf.layers.batchNormalization({ name, momentum: p.momentum, epsilon: p.epsilon }),
);
