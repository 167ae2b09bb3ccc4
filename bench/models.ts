// The two models the benchmark trains, both built the way the app builds
// them: an architecture document compiled by lib/compile.
import * as tf from '@tensorflow/tfjs';
import { compileGraph } from '../lib/compile';
import type { ArchitectureDocument, LayerNode } from '../lib/schema';
import { templateDocument } from '../lib/templates';

export const benchModels = ['course-cnn', 'small-cnn'] as const;
export type BenchModel = (typeof benchModels)[number];

/** Two 3×3 convolutions with pooling and one Dense: the kind of model a student builds first. */
function smallCnn(): ArchitectureDocument {
  const nodes: LayerNode[] = [
    { id: 'input', type: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } },
    { id: 'conv1', type: 'Conv2D', params: { filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu', useBias: true }, position: { x: 0, y: 100 } },
    { id: 'pool1', type: 'MaxPooling2D', params: { poolSize: 2, strides: 2, padding: 'valid' }, position: { x: 0, y: 200 } },
    { id: 'conv2', type: 'Conv2D', params: { filters: 16, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu', useBias: true }, position: { x: 0, y: 300 } },
    { id: 'pool2', type: 'MaxPooling2D', params: { poolSize: 2, strides: 2, padding: 'valid' }, position: { x: 0, y: 400 } },
    { id: 'flatten', type: 'Flatten', params: {}, position: { x: 0, y: 500 } },
    { id: 'output', type: 'Dense', params: { units: 10, activation: 'softmax', useBias: true }, position: { x: 0, y: 600 } },
  ];
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: n.id, targetHandle: 'in0' }));
  return { version: 1, name: 'Small CNN', nodes, edges };
}

export function documentFor(model: BenchModel): ArchitectureDocument {
  return model === 'course-cnn' ? templateDocument('course-cnn') : smallCnn();
}

/** A fresh compiled model (Adam, cross-entropy) and its number of classes. */
export function buildModel(model: BenchModel, seed = 1): { model: tf.LayersModel; classes: number } {
  const compiled = compileGraph(documentFor(model), { seed });
  if (!compiled.ok) throw new Error(`${model} does not compile: ${compiled.issues.map((i) => i.message).join('; ')}`);
  const classes = compiled.model.outputs[0]!.shape[1];
  if (typeof classes !== 'number') throw new Error(`${model} has no fixed number of classes`);
  compiled.model.compile({ optimizer: tf.train.adam(1e-3), loss: 'categoricalCrossentropy' });
  return { model: compiled.model, classes };
}
