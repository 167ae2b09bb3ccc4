import * as tf from '@tensorflow/tfjs';
import { defineTfjs } from '../shared/tfjs';
import type { ZeroPadding2DParams } from '.';

export const build = defineTfjs<ZeroPadding2DParams>((p, { name }) =>
  tf.layers.zeroPadding2d({ name, padding: [[...p.padding[0]], [...p.padding[1]]] }),
);
