import * as tf from '@tensorflow/tfjs';
import { poolStrides, type PoolingParams } from '../shared/pooling';
import { defineTfjs } from '../shared/tfjs';

export const build = defineTfjs<PoolingParams>((p, { name }) =>
  tf.layers.averagePooling2d({ name, poolSize: p.poolSize, strides: [...poolStrides(p)], padding: p.padding }),
);
