import * as tf from '@tensorflow/tfjs';
import { defineTfjs } from '../shared/tfjs';
import type { DropoutParams } from '.';

// No seed: a seeded tfjs dropout draws the same mask on every batch.
export const build = defineTfjs<DropoutParams>((p, { name }) => tf.layers.dropout({ name, rate: p.rate }));
