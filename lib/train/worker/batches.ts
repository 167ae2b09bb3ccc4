import * as tf from '@tensorflow/tfjs';

/** Raw images as lib/data keeps them: bytes 0-255, HWC, image after image. */
export interface ImageSource {
  images: Uint8Array;
  labels: Uint16Array;
  count: number;
  /** [height, width, channels] */
  shape: readonly [number, number, number];
}

/** Which training images are trained on and which are held out for validation, as indices into the split. */
export interface SplitPlan {
  train: Int32Array;
  validation: Int32Array;
}

/**
 * Keras's rule: the validation images are the last fraction of the data, taken
 * before any shuffling, so the same settings always validate on the same images.
 * `trainLimit` first cuts the data to its first N images.
 */
export function planSplit(count: number, validationSplit: number, trainLimit?: number): SplitPlan {
  const used = Math.min(count, trainLimit ?? count);
  const held = Math.floor(used * validationSplit);
  const trainCount = used - held;
  const train = new Int32Array(trainCount);
  for (let i = 0; i < trainCount; i++) train[i] = i;
  const validation = new Int32Array(held);
  for (let i = 0; i < held; i++) validation[i] = trainCount + i;
  return { train, validation };
}

/** Scales the chosen images to [0, 1] floats, in a buffer the caller owns. */
function fillPixels(source: ImageSource, indices: ArrayLike<number>, out: Float32Array): Float32Array {
  const size = source.shape[0] * source.shape[1] * source.shape[2];
  for (let b = 0; b < indices.length; b++) {
    const from = indices[b]! * size;
    const to = b * size;
    for (let p = 0; p < size; p++) out[to + p] = source.images[from + p]! / 255;
  }
  return out;
}

/** One batch as tensors: images [batch, h, w, c] in [0, 1] and labels [batch] as int32. The caller disposes them. */
export function batchTensors(source: ImageSource, indices: Int32Array, inputShape: readonly number[]): { xs: tf.Tensor; labels: tf.Tensor1D } {
  const size = source.shape[0] * source.shape[1] * source.shape[2];
  const pixels = fillPixels(source, indices, new Float32Array(indices.length * size));
  const labels = new Int32Array(indices.length);
  for (let b = 0; b < indices.length; b++) labels[b] = source.labels[indices[b]!]!;
  return { xs: tf.tensor(pixels, [indices.length, ...inputShape]), labels: tf.tensor1d(labels, 'int32') };
}
