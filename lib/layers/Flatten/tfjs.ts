import * as tf from '@tensorflow/tfjs';
import { defineTfjs } from '../shared/tfjs';

export const build = defineTfjs<unknown>((_p, { name }) => {
  const layer = tf.layers.flatten({ name });
  // tfjs's Flatten refuses an input that is already flat ([batch, n]) where
  // Keras passes it through as [batch, n], and analyzeGraph says so too (a
  // Flatten after a Dense or a flat Input). Its call already handles rank 2.
  layer.inputSpec = [{ minNDim: 2 }];
  return layer;
});
