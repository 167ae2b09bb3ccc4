// Test support for the augmentation layers: one image batch through a layer in training mode.
import * as tf from '@tensorflow/tfjs';
import type { TfjsBuild } from './tfjs';

/** Runs `build(params)` on `images` [batch, h, w, c] with training on (or off) and returns host values. */
export function augmentOnce<P>(build: TfjsBuild<P>, params: P, images: tf.Tensor4D, opts: { seed?: number; training?: boolean } = {}): number[][][][] {
  const layer = build(params, { name: 'aug', seed: opts.seed ?? 7, initializer: () => undefined });
  const out = layer.apply(images, { training: opts.training ?? true }) as tf.Tensor;
  const values = out.arraySync() as number[][][][];
  if (out !== images) out.dispose();
  return values;
}

/** [1, h, w, 1] where each pixel holds f(row, column). */
export function imageOf(h: number, w: number, f: (row: number, column: number) => number): tf.Tensor4D {
  return tf.tensor4d(
    Array.from({ length: h * w }, (_, i) => f(Math.floor(i / w), i % w)),
    [1, h, w, 1],
  );
}

/** The single channel of image 0 as rows. */
export const rowsOf = (values: number[][][][], image = 0) => values[image]!.map((row) => row.map((px) => px[0]!));
