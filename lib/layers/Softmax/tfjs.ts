import * as tf from '@tensorflow/tfjs';
import { defineTfjs } from '../shared/tfjs';
import type { SoftmaxParams } from '.';

// Always pass the axis: tfjs's Softmax layer defaults to 1, Keras's to -1.
export const build = defineTfjs<SoftmaxParams>((p, { name }) => tf.layers.softmax({ name, axis: p.axis }));
