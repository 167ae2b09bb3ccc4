import * as tf from '@tensorflow/tfjs';
import { defineTfjs } from '../shared/tfjs';
import type { LeakyReLUParams } from '.';

export const build = defineTfjs<LeakyReLUParams>((p, { name }) => tf.layers.leakyReLU({ name, alpha: p.alpha }));
