// Every template trains on WASM with the project's kernels: the gradients of
// one batch agree with tfjs's CPU backend (stock kernels), and training steps
// leave no tensor behind.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../compile';
import type { ArchitectureDocument } from '../../schema';
import { templateDocument, templateIds } from '../../templates';
import { randomValues, relativeError } from './testing';
import { registerProjectKernels } from './index';

/**
 * Dropout draws different masks on each backend; rate 0 keeps the layer but makes the pass deterministic.
 * The augmentation layers need no such care: their draws are made on the host from the seed, so both
 * backends transform the batch alike and the comparison runs with them active.
 */
function withoutDropout(doc: ArchitectureDocument): ArchitectureDocument {
  return { ...doc, nodes: doc.nodes.map((n) => (n.type === 'Dropout' ? { ...n, params: { ...n.params, rate: 0 } } : n)) };
}

function build(doc: ArchitectureDocument): tf.LayersModel {
  const compiled = compileGraph(doc, { seed: 11 });
  if (!compiled.ok) throw new Error(`${doc.name} does not compile`);
  return compiled.model;
}

function batchFor(model: tf.LayersModel, size: number, seed: number): { xs: tf.Tensor; ys: tf.Tensor } {
  const classes = model.outputs[0]!.shape[1] as number;
  const x = randomValues([size, 28, 28, 1], seed);
  return tf.tidy(() => ({
    xs: tf.tensor(x.values.map((v) => (v + 1) / 2), x.shape),
    ys: tf.oneHot(tf.tensor1d(Array.from({ length: size }, (_, i) => (i * 7) % classes), 'int32'), classes),
  }));
}

async function gradients(doc: ArchitectureDocument, backend: 'cpu' | 'wasm', batch: number): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  if (backend === 'wasm') registerProjectKernels('wasm');
  const model = build(doc);
  const { xs, ys } = batchFor(model, batch, 3);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => {
    const p = tf.clipByValue(model.apply(xs, { training: true }) as tf.Tensor, 1e-7, 1);
    return tf.neg(tf.mean(tf.sum(tf.mul(ys, tf.log(p)), -1))) as tf.Scalar;
  }, variables);
  const values = await Promise.all(variables.map((v) => grads[v.name]!.data() as Promise<Float32Array>));
  tf.dispose([value, xs, ys, ...Object.values(grads)]);
  model.dispose();
  return values;
}

describe('templates on WASM with the project kernels', () => {
  for (const id of templateIds) {
    it(`${id}: one batch's gradients match the CPU backend's within 1e-3 for every weight`, async () => {
      const doc = withoutDropout(templateDocument(id));
      // tfjs's CPU filter gradient is slow: the convolution-heavy models get small batches.
      const batch = id === 'course-cnn' || id === 'course-cnn-augmented' ? 1 : id === 'residual' ? 2 : 4;
      const reference = await gradients(doc, 'cpu', batch);
      const ours = await gradients(doc, 'wasm', batch);
      expect(ours).toHaveLength(reference.length);
      ours.forEach((g, i) => expect(relativeError(g, reference[i]!), `weight ${i}`).toBeLessThan(1e-3));
    });

    it(`${id}: trains with Adam on WASM, the loss stays finite and the tensor count stays put`, async () => {
      await tf.setBackend('wasm');
      registerProjectKernels('wasm');
      const model = build(templateDocument(id));
      model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
      const { xs, ys } = batchFor(model, 8, 5);
      const first = (await model.trainOnBatch(xs, ys)) as number;
      const counts: number[] = [];
      const losses: number[] = [first];
      for (let step = 0; step < 3; step++) {
        losses.push((await model.trainOnBatch(xs, ys)) as number);
        counts.push(tf.memory().numTensors);
      }
      expect(losses.every(Number.isFinite)).toBe(true);
      // Same batch four times: a model that trains fits it better.
      expect(losses[3]!).toBeLessThan(losses[0]!);
      expect(new Set(counts).size).toBe(1);
      tf.dispose([xs, ys]);
      model.optimizer.dispose();
      model.dispose();
    });
  }
});
