// The augmentation layers in a compiled model, driven the way the app drives
// it: the training loop's model.apply(…, { training: true }) draws, seeded by
// the run's seed; predict and evaluation (training false) see the model as if
// the layers were not there.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../compile';
import type { ArchitectureDocument, LayerNode } from '../schema';
import { planSplit } from './worker/batches';
import { evaluateClassifier, predictProbabilities } from './worker/evaluate';
import { defaultHyperparameters } from './page/hyperparameters';
import { evaluateLoss, TrainingLoop, type LoopControl } from './worker/loop';
import { stripesDataset, tinyCnn } from './testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const augmentation: LayerNode[] = [
  { id: 'flip', type: 'RandomFlip', params: { mode: 'horizontal_and_vertical' }, position: { x: 0, y: 0 } },
  { id: 'rotate', type: 'RandomRotation', params: { factor: 0.1 }, position: { x: 0, y: 0 } },
  { id: 'zoom', type: 'RandomZoom', params: { heightFactor: 0.2 }, position: { x: 0, y: 0 } },
  { id: 'translate', type: 'RandomTranslation', params: { heightFactor: 0.2, widthFactor: 0.2, fillMode: 'reflect' }, position: { x: 0, y: 0 } },
  { id: 'contrast', type: 'RandomContrast', params: { factor: 0.3 }, position: { x: 0, y: 0 } },
];

/** The tiny CNN with the augmentation block between its Input and its first convolution. */
function augmented(base: ArchitectureDocument = tinyCnn()): ArchitectureDocument {
  const [input, ...rest] = base.nodes;
  const nodes = [input!, ...augmentation, ...rest];
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: n.id, targetHandle: 'in0' }));
  return { ...base, nodes, edges };
}

function compile(doc: ArchitectureDocument, seed: number): tf.LayersModel {
  const compiled = compileGraph(doc, { seed });
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('; '));
  return compiled.model;
}

/** The augmentation block alone (Input → the five Random* layers). */
function augmenter(seed: number): tf.LayersModel {
  const doc = augmented();
  return compile({ ...doc, nodes: doc.nodes.slice(0, 6), edges: doc.edges.slice(0, 5) }, seed);
}

const images = () => {
  const source = stripesDataset(6);
  return tf.tensor4d(Float32Array.from(source.images, (v) => v / 255), [6, 8, 8, 1]);
};

function draw(model: tf.LayersModel, xs: tf.Tensor, training = true): Float32Array {
  const out = model.apply(xs, { training }) as tf.Tensor;
  const values = out.dataSync() as Float32Array;
  out.dispose();
  return Float32Array.from(values);
}

const running: LoopControl = { stopRequested: () => false, waitWhilePaused: async () => {} };

describe('augmentation layers in a compiled model', () => {
  it('the same run seed gives the same draws batch after batch; another seed gives others; each batch gets new ones', () => {
    const xs = images();
    const a = augmenter(1);
    const b = augmenter(1);
    const c = augmenter(2);
    const a1 = draw(a, xs);
    const a2 = draw(a, xs);
    expect(draw(b, xs)).toEqual(a1);
    expect(draw(b, xs)).toEqual(a2);
    expect(a2).not.toEqual(a1);
    expect(draw(c, xs)).not.toEqual(a1);
    // Not merely different: actually changed from the input.
    expect(a1).not.toEqual(xs.dataSync());
    tf.dispose(xs);
    [a, b, c].forEach((m) => m.dispose());
  });

  it('at inference every Random* layer hands its input through: predict, evaluation and loss equal the model without them', async () => {
    const source = stripesDataset(40);
    const indices = Int32Array.from({ length: 40 }, (_, i) => i);
    const plain = compile(tinyCnn(), 5);
    const withAugmentation = compile(augmented(), 5);
    // Same seed and node ids: the same initial weights (the augmentation layers have none).
    const pixels = Float32Array.from(source.images.subarray(0, 64), (v) => v / 255);
    expect(await predictProbabilities(withAugmentation, pixels, [8, 8, 1])).toEqual(await predictProbabilities(plain, pixels, [8, 8, 1]));
    const evalPlain = await evaluateClassifier(plain, source, indices, [8, 8, 1], 4, 'validation');
    const evalAugmented = await evaluateClassifier(withAugmentation, source, indices, [8, 8, 1], 4, 'validation');
    expect(evalAugmented.confusion).toEqual(evalPlain.confusion);
    expect(await evaluateLoss(withAugmentation, source, indices, [8, 8, 1], 4, 16)).toEqual(await evaluateLoss(plain, source, indices, [8, 8, 1], 4, 16));
    plain.dispose();
    withAugmentation.dispose();
  });

  it('the training loop trains with the draws on (the weights end up unlike an unaugmented run’s) and reproducibly per seed, leaking no tensor', async () => {
    const source = stripesDataset(96);
    const hp = { ...defaultHyperparameters, learningRate: 0.01, batchSize: 16, validationSplit: 0.25, seed: 3 };
    const data = { source, split: planSplit(source.count, hp.validationSplit, hp.trainLimit), numClasses: 4, inputShape: [8, 8, 1] };
    const trainedWeights = async (doc: ArchitectureDocument) => {
      const model = compile(doc, hp.seed);
      const loop = new TrainingLoop(model, data, hp);
      const counts: number[] = [];
      await loop.train(3, running, { onEpoch: () => void counts.push(tf.memory().numTensors) });
      expect(counts[2]).toBe(counts[1]);
      const weights = model.getWeights().map((w) => Array.from(w.dataSync()));
      loop.dispose();
      model.dispose();
      return weights;
    };
    // The tiny CNN's Dropout is unseeded (by design): rate 0 leaves only the augmentation random.
    const base = tinyCnn();
    const noDropout = { ...base, nodes: base.nodes.map((n) => (n.type === 'Dropout' ? { ...n, params: { rate: 0 } } : n)) };
    const plain = await trainedWeights(noDropout);
    const first = await trainedWeights(augmented(noDropout));
    const again = await trainedWeights(augmented(noDropout));
    expect(again).toEqual(first);
    expect(first).not.toEqual(plain);
  });

  it('leaks no tensor over many training calls', () => {
    const xs = images();
    const model = augmenter(9);
    draw(model, xs);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) draw(model, xs);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(xs);
    model.dispose();
  });
});
