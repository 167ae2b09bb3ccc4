// Test helpers for the exporters: a compiled model with random weights (so
// every layout mistake shows), random inputs, tfjs's outputs on the CPU
// backend in the exported layout, and random valid graphs over every layer type.
import * as tf from '@tensorflow/tfjs';
import { analyzeGraph } from '../graph';
import type { Shape } from '../graph/shape';
import { layerDef, layerTypes, type LayerType } from '../layers/registry';
import { seededRandom } from '../random';
import { compileGraph } from '../compile';
import type { ArchitectureDocument, LayerNode } from '../schema';
import { layerWeightsOf } from './weights';
import type { LayerWeights } from './model';

export interface Reference {
  weights: LayerWeights;
  /** The input in the exported layout (NCHW for images), flat, with its dims (batch first). */
  input: { dims: number[]; values: Float32Array };
  /** tfjs's output in the exported layout. */
  output: { dims: number[]; values: Float32Array };
}

/** [batch, h, w, c] -> [batch, c, h, w] for images; other ranks as they are. */
export function toChannelsFirst(t: tf.Tensor): tf.Tensor {
  return t.rank === 4 ? tf.transpose(t, [0, 3, 1, 2]) : t.clone();
}

/** Compiles `doc`, gives every weight a random value (variances positive), and runs a random batch on tfjs's CPU backend. */
export function referenceRun(doc: ArchitectureDocument, seed: number, batch = 2): Reference {
  const compiled = compileGraph(doc, { seed });
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('; '));
  const { model } = compiled;
  const random = seededRandom(seed);
  let reference: Reference | undefined;
  try {
    tf.tidy(() => {
      model.setWeights(
        model.weights.map((w) => {
          const n = w.shape.reduce((a: number, b) => a * b!, 1);
          const variance = w.originalName.endsWith('moving_variance');
          const values = Float32Array.from({ length: n }, () => (variance ? 0.5 + random() : random() - 0.5));
          return tf.tensor(values, w.shape as number[]);
        }),
      );
      const inputShape = model.inputs[0]!.shape.slice(1) as number[];
      const size = inputShape.reduce((a, b) => a * b, batch);
      const x = tf.tensor(Float32Array.from({ length: size }, () => random()), [batch, ...inputShape]);
      const y = model.predict(x) as tf.Tensor;
      const xFirst = toChannelsFirst(x);
      const yFirst = toChannelsFirst(y);
      reference = {
        weights: layerWeightsOf(model, compiled.nodeIdOf),
        input: { dims: xFirst.shape, values: xFirst.dataSync() as Float32Array },
        output: { dims: yFirst.shape, values: yFirst.dataSync() as Float32Array },
      };
    });
  } finally {
    model.dispose();
  }
  return reference!;
}

/** The largest |a - b| over two arrays of one length. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i]! - b[i]!));
  return worst;
}

type Random = () => number;
const pick = <T>(random: Random, values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));

/** Params to try for a type on an input of `shape`; a type without an entry tries its initialParams. */
const paramsFor: Partial<Record<LayerType, (random: Random, shape: Shape) => unknown>> = {
  Conv2D: (r) => ({
    filters: int(r, 1, 4),
    kernelSize: pick(r, [1, 2, 3, [2, 3]]),
    strides: pick(r, [1, 1, 2, [1, 2]]),
    padding: pick(r, ['same', 'valid']),
    activation: pick(r, ['linear', 'relu', 'relu6', 'elu', 'selu', 'sigmoid', 'hardSigmoid', 'tanh', 'softplus', 'softsign', 'swish', 'softmax']),
    useBias: r() < 0.8,
  }),
  MaxPooling2D: (r) => ({ poolSize: pick(r, [2, 3, [2, 3]]), strides: pick(r, [undefined, 1, 2, [2, 1]]), padding: pick(r, ['same', 'valid']) }),
  AveragePooling2D: (r) => ({ poolSize: pick(r, [2, 3, [3, 2]]), strides: pick(r, [undefined, 1, 2]), padding: pick(r, ['same', 'valid']) }),
  Dense: (r) => ({ units: int(r, 1, 6), activation: pick(r, ['linear', 'relu', 'tanh', 'sigmoid', 'softmax', 'swish']), useBias: r() < 0.8 }),
  Activation: (r) => ({ activation: pick(r, ['relu', 'relu6', 'elu', 'selu', 'sigmoid', 'hardSigmoid', 'tanh', 'softmax', 'softplus', 'softsign', 'swish', 'linear']) }),
  BatchNormalization: (r) => ({ momentum: 0.99, epsilon: pick(r, [0.001, 0.01, 1e-5]) }),
  Dropout: (r) => ({ rate: pick(r, [0.1, 0.5]) }),
  Concatenate: (r, shape) => ({ axis: pick(r, [-1, ...shape.map((_, i) => i + 1)]) }),
};

/**
 * A random valid graph: an image (sometimes a flat or 2-D) Input, a few
 * layers of random types (merges join the current tensor with a sibling of
 * it), ending in Dense(softmax) when the tensor is flat. Only `types` are drawn.
 * `lead`, when given, is placed first wherever it fits (the graph is drawn
 * again from the following seeds until it does, e.g. an image Input for
 * Conv2D), so a test that leads each graph with the next type covers every
 * type whatever the draws.
 */
export function randomGraph(seed: number, types: readonly LayerType[], lead?: LayerType): ArchitectureDocument {
  for (let attempt = 0; lead !== undefined && attempt < 50; attempt++) {
    const doc = drawGraph(seed + attempt, types, lead);
    if (doc.nodes.some((n) => n.type === lead)) return doc;
  }
  return drawGraph(seed, types);
}

function drawGraph(seed: number, types: readonly LayerType[], lead?: LayerType): ArchitectureDocument {
  const random = seededRandom(seed);
  const image = () => [int(random, 5, 10), int(random, 5, 10), int(random, 1, 3)];
  const inputShape = pick(random, [image(), image(), image(), [int(random, 3, 12)], [int(random, 3, 6), int(random, 3, 6)]]);
  const nodes: LayerNode[] = [{ id: 'input', type: 'Input', params: { shape: inputShape }, position: { x: 0, y: 0 } }];
  const edges: ArchitectureDocument['edges'] = [];
  const doc = () => ({ version: 1 as const, name: `random ${seed}`, nodes: [...nodes], edges: [...edges] });
  let current = 'input';
  const shapeOf = (id: string, d = doc()) => analyzeGraph(d).nodes[id]?.outputShape ?? null;
  // Tries to append a layer of `type` after `sources`; keeps it only when the graph stays valid.
  const tryAdd = (type: LayerType, sources: string[], params: unknown): string | null => {
    // tfjs's Flatten wants at least [h, w] (the analyzer lets [n] through as a no-op).
    if (type === 'Flatten' && shapeOf(sources[0]!)!.length < 2) return null;
    const id = `${type.toLowerCase()}_${nodes.length}`;
    const node = { id, type, params, position: { x: 0, y: nodes.length * 100 } } as LayerNode;
    const newEdges = sources.map((source, i) => ({ id: `e${edges.length + i}`, source, target: id, targetHandle: `in${i}` }));
    const candidate = { ...doc(), nodes: [...nodes, node], edges: [...edges, ...newEdges] };
    const analysis = analyzeGraph(candidate);
    if (analysis.issues.some((i) => i.severity === 'error' && i.nodeId === id)) return null;
    nodes.push(node);
    edges.push(...newEdges);
    return id;
  };
  const paramsOf = (type: LayerType, shape: Shape) => (paramsFor[type] ?? (() => structuredClone(layerDef(type).initialParams)))(random, shape);
  const steps = int(random, 2, 6);
  for (let step = 0; step < steps * 4 && nodes.length - 1 < steps; step++) {
    const leading = lead !== undefined && step < 4 && !nodes.some((n) => n.type === lead);
    const type = leading ? lead : pick(random, types);
    const shape = shapeOf(current)!;
    const { min } = layerDef(type).inputs;
    if (min >= 2) {
      // A sibling from the current tensor through a shape-keeping (or channel-changing) layer, then the merge.
      const siblingType = pick(random, types.filter((t) => layerDef(t).inputs.max === 1));
      const sibling = tryAdd(siblingType, [current], paramsOf(siblingType, shape));
      if (!sibling) continue;
      const merged = tryAdd(type, [current, sibling], paramsOf(type, shape));
      if (merged) current = merged;
      else {
        nodes.pop();
        edges.pop();
      }
      continue;
    }
    current = tryAdd(type, [current], paramsOf(type, shape)) ?? current;
  }
  const shape = shapeOf(current)!;
  if (shape.length === 3 && types.includes('GlobalAveragePooling2D') && random() < 0.5) current = tryAdd('GlobalAveragePooling2D', [current], {}) ?? current;
  if (shapeOf(current)!.length > 1 && types.includes('Flatten')) current = tryAdd('Flatten', [current], {}) ?? current;
  if (shapeOf(current)!.length === 1 && types.includes('Dense')) tryAdd('Dense', [current], { units: int(random, 2, 5), activation: 'softmax', useBias: true });
  return doc();
}

export { layerTypes };
