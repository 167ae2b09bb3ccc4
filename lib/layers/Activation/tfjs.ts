import * as tf from '@tensorflow/tfjs';
import { defineTfjs, tfActivation } from '../shared/tfjs';
import type { ActivationParams } from '.';

export const build = defineTfjs<ActivationParams>((p, { name }) => tf.layers.activation({ name, activation: tfActivation(p.activation) }));
