// The models the benchmark trains, all built the way the app builds
// them: an architecture document compiled by lib/compile.
import * as tf from '@tensorflow/tfjs';
import { compileGraph } from '../lib/compile';
import type { ArchitectureDocument } from '../lib/schema';
import smallCnnDocument from './small-cnn.json';
import { templateDocument } from '../lib/templates';

export const benchModels = ['course-cnn', 'small-cnn', 'lenet5'] as const;
export type BenchModel = (typeof benchModels)[number];

/** Two 3×3 convolutions with pooling and one Dense: the kind of model a student builds first (also read by the PyTorch reference). */
const smallCnn = smallCnnDocument as ArchitectureDocument;

export function documentFor(model: BenchModel): ArchitectureDocument {
  return model === 'small-cnn' ? smallCnn : templateDocument(model);
}

/** A fresh compiled model (Adam, cross-entropy) and its number of classes. */
export function buildModel(model: BenchModel, seed = 1, optimizer: () => tf.Optimizer = () => tf.train.adam(1e-3)): { model: tf.LayersModel; classes: number } {
  const compiled = compileGraph(documentFor(model), { seed });
  if (!compiled.ok) throw new Error(`${model} does not compile: ${compiled.issues.map((i) => i.message).join('; ')}`);
  const classes = compiled.model.outputs[0]!.shape[1];
  if (typeof classes !== 'number') throw new Error(`${model} has no fixed number of classes`);
  compiled.model.compile({ optimizer: optimizer(), loss: 'categoricalCrossentropy' });
  return { model: compiled.model, classes };
}
