import * as tf from '@tensorflow/tfjs';
import { batchTensors, type ImageSource } from './batches';
import { yieldToEvents } from './yield';

/** How many misclassified examples are kept per confusion-matrix cell (enough to look at, small to send). */
const EXAMPLES_PER_CELL = 48;

export interface Evaluation {
  /** 'test' when the dataset has a test split; otherwise the validation images stand in. */
  split: 'test' | 'validation';
  /** Images evaluated. */
  count: number;
  /** Images in the split; more than count when only the first ones were evaluated. */
  available: number;
  accuracy: number;
  /** confusion[actual][predicted] counts */
  confusion: number[][];
  /** Per class: correct / total of that actual class. */
  perClass: Array<{ correct: number; total: number }>;
  /** examples[actual][predicted]: indices into the evaluated split of misclassified images (diagonal empty). */
  examples: number[][][];
}

/** Predicts every image in `indices` (inference mode), reading class indices back one chunk at a time. */
export async function evaluateClassifier(
  model: tf.LayersModel,
  source: ImageSource,
  indices: Int32Array,
  inputShape: readonly number[],
  numClasses: number,
  split: Evaluation['split'],
  batchSize = 256,
  limit = Number.POSITIVE_INFINITY,
): Promise<Evaluation> {
  const available = indices.length;
  indices = indices.subarray(0, Math.min(indices.length, limit));
  const confusion = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  const examples = Array.from({ length: numClasses }, () => Array.from({ length: numClasses }, () => [] as number[]));
  // Predicted classes stay on the device until the end: one readback, not one per batch
  // (a GPU readback can cost far more than the batch itself).
  const predictedChunks: tf.Tensor[] = [];
  let classes: Int32Array | Float32Array | Uint8Array;
  try {
    for (let start = 0; start < indices.length; start += batchSize) {
      const chunk = indices.subarray(start, Math.min(indices.length, start + batchSize));
      const { xs, labels } = batchTensors(source, chunk, inputShape);
      labels.dispose();
      predictedChunks.push(tf.tidy(() => tf.argMax(model.predict(xs) as tf.Tensor, -1)));
      xs.dispose();
      await yieldToEvents();
    }
    const all = predictedChunks.length === 1 ? predictedChunks[0]! : tf.concat(predictedChunks);
    classes = (await all.data()) as Int32Array;
    if (all !== predictedChunks[0]) all.dispose();
  } finally {
    tf.dispose(predictedChunks);
  }
  for (let i = 0; i < indices.length; i++) {
    const index = indices[i]!;
    const actual = source.labels[index]!;
    const guess = classes[i]!;
    const row = confusion[actual];
    if (!row || guess >= numClasses) continue;
    row[guess] = (row[guess] ?? 0) + 1;
    if (actual !== guess) {
      const cell = examples[actual]![guess]!;
      if (cell.length < EXAMPLES_PER_CELL) cell.push(index);
    }
  }
  const perClass = confusion.map((row, actual) => ({ correct: row[actual] ?? 0, total: row.reduce((a, b) => a + b, 0) }));
  const correct = perClass.reduce((sum, c) => sum + c.correct, 0);
  return { split, count: indices.length, available, accuracy: indices.length ? correct / indices.length : 0, confusion, perClass, examples };
}

/** Class probabilities for one image given as floats in [0, 1], HWC. */
export async function predictProbabilities(model: tf.LayersModel, pixels: Float32Array, inputShape: readonly number[]): Promise<number[]> {
  const probabilities = tf.tidy(() => model.predict(tf.tensor(pixels, [1, ...inputShape])) as tf.Tensor);
  const values = await probabilities.data();
  probabilities.dispose();
  return Array.from(values);
}
