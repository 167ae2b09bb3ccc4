import * as tf from '@tensorflow/tfjs';
import { defineTfjs } from '../shared/tfjs';
import type { RescalingParams } from '.';

// tfjs-layers has Rescaling (x · scale + offset), active in training and inference alike.
export const build = defineTfjs<RescalingParams>((p, { name }) => tf.layers.rescaling({ name, scale: p.scale, offset: p.offset }));
