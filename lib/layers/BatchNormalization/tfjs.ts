import * as tf from '@tensorflow/tfjs';
import { defineTfjs } from '../shared/tfjs';
import { withFusedTraining } from '../shared/tfjs-batch-norm';
import type { BatchNormalizationParams } from '.';

export const build = defineTfjs<BatchNormalizationParams>((p, { name }) =>
  withFusedTraining(tf.layers.batchNormalization({ name, momentum: p.momentum, epsilon: p.epsilon })),
);
