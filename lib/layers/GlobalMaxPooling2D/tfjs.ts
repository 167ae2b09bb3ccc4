import * as tf from '@tensorflow/tfjs';
import { defineTfjs } from '../shared/tfjs';

export const build = defineTfjs<unknown>((_p, { name }) => tf.layers.globalMaxPooling2d({ name }));
