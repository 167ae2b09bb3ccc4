import * as tf from '@tensorflow/tfjs';
import { defineTfjs } from '../shared/tfjs';
import type { ReLUParams } from '.';

export const build = defineTfjs<ReLUParams>((p, { name }) =>
  tf.layers.reLU({ name, ...(p.maxValue === undefined ? {} : { maxValue: p.maxValue }) }),
);
