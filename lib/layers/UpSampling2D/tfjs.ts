import * as tf from '@tensorflow/tfjs';
import { toPair } from '../../graph/shape';
import { defineTfjs } from '../shared/tfjs';
import type { UpSampling2DParams } from '.';

export const build = defineTfjs<UpSampling2DParams>((p, { name }) =>
  tf.layers.upSampling2d({ name, size: [...toPair(p.size)], interpolation: p.interpolation }),
);
