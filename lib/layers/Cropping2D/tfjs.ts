import * as tf from '@tensorflow/tfjs';
import { defineTfjs } from '../shared/tfjs';
import type { Cropping2DParams } from '.';

export const build = defineTfjs<Cropping2DParams>((p, { name }) =>
  tf.layers.cropping2D({ name, cropping: [[...p.cropping[0]], [...p.cropping[1]]] }),
);
