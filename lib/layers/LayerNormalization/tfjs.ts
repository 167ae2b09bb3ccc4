import * as tf from '@tensorflow/tfjs';
import { defineTfjs } from '../shared/tfjs';
import type { LayerNormalizationParams } from '.';

export const build = defineTfjs<LayerNormalizationParams>((p, { name }) =>
  tf.layers.layerNormalization({ name, axis: p.axis, epsilon: p.epsilon }),
);
