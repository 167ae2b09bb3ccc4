import * as tf from '@tensorflow/tfjs';
import { defineTfjs } from '../shared/tfjs';
import type { ConcatenateParams } from '.';

export const build = defineTfjs<ConcatenateParams>((p, { name }) => tf.layers.concatenate({ name, axis: p.axis }));
