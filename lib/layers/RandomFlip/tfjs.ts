import * as tf from '@tensorflow/tfjs';
import { RandomImageLayer, type RandomLayerArgs } from '../shared/tfjs-augment';
import { defineTfjs } from '../shared/tfjs';
import type { RandomFlipParams } from '.';

/** Keras's RandomFlip: each image is flipped (left-right and/or up-down) with probability 1/2. */
export class RandomFlipLayer extends RandomImageLayer<RandomFlipParams> {
  static className = 'RandomFlip';

  constructor(args: RandomLayerArgs & RandomFlipParams) {
    const { mode, ...rest } = args;
    super(rest, { mode });
  }

  protected augment(images: tf.Tensor4D, uniform: () => number): tf.Tensor {
    const batch = images.shape[0];
    let out: tf.Tensor4D = images;
    const { mode } = this.params;
    // [batch, h, w, c]: axis 2 flips left-right, axis 1 up-down.
    for (const [axis, active] of [
      [2, mode !== 'vertical'],
      [1, mode !== 'horizontal'],
    ] as const) {
      if (!active) continue;
      const flip = Array.from({ length: batch }, () => uniform() < 0.5);
      const mask = tf.tensor4d(flip, [batch, 1, 1, 1], 'bool');
      out = tf.where(mask, tf.reverse(out, axis), out);
    }
    return out;
  }
}
tf.serialization.registerClass(RandomFlipLayer);

export const build = defineTfjs<RandomFlipParams>((p, { name, seed }) => new RandomFlipLayer({ name, seed, mode: p.mode }));
