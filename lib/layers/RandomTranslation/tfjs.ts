import * as tf from '@tensorflow/tfjs';
import { drawEach, factorRange, RandomImageLayer, transformImages, translationTransform, type RandomLayerArgs } from '../shared/tfjs-augment';
import { defineTfjs } from '../shared/tfjs';
import type { RandomTranslationParams } from '.';

/** Keras's RandomTranslation: each image moves by a fraction of its height and width drawn from the factors. */
export class RandomTranslationLayer extends RandomImageLayer<RandomTranslationParams> {
  static className = 'RandomTranslation';

  constructor(args: RandomLayerArgs & RandomTranslationParams) {
    const { heightFactor, widthFactor, fillMode, ...rest } = args;
    super(rest, { heightFactor, widthFactor, fillMode });
  }

  protected augment(images: tf.Tensor4D, uniform: () => number): tf.Tensor {
    const [batch, height, width] = images.shape;
    const dy = drawEach(batch, uniform, factorRange(this.params.heightFactor));
    const dx = drawEach(batch, uniform, factorRange(this.params.widthFactor));
    return transformImages(
      images,
      dy.map((fy, i) => translationTransform(dx[i]! * width, fy * height)),
      this.params.fillMode,
    );
  }
}
tf.serialization.registerClass(RandomTranslationLayer);

export const build = defineTfjs<RandomTranslationParams>((p, { name, seed }) => new RandomTranslationLayer({ name, seed, ...p }));
