// ONNX and PyTorch export of LayerNormalization, ReLU, LeakyReLU, Softmax,
// Multiply, Average, Maximum, Rescaling and the training-only augmentation
// layers: small graphs holding each type, with varied params and every input
// rank the type takes, random weights (LayerNormalization's gamma and beta
// too), exported and run in onnxruntime-web, ONNX's checker and real PyTorch,
// giving tfjs's outputs (CPU backend) within 1e-4.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import onnxProto from 'onnx-proto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../graph';
import type { Shape } from '../graph/shape';
import { isTrainingOnly, type LayerType } from '../layers/registry';
import type { ArchitectureDocument, LayerNode } from '../schema';
import { templateDocument } from '../templates';
import { exportOnnx } from './onnx';
import { maxAbsDifference, referenceRun, type Reference } from './testing';
import { python, pythonMissing, runInTorch } from './torch-testing';

const proto = onnxProto.onnx;

interface Layer {
  id: string;
  type: Exclude<LayerType, 'Input'>;
  params?: unknown;
  /** Input layer ids; the previous layer when omitted. */
  from?: string[];
}

/** A document from an Input of `shape` and layers in order. */
function graph(name: string, shape: Shape, layers: Layer[]): ArchitectureDocument {
  const nodes: LayerNode[] = [{ id: 'input', type: 'Input', params: { shape: [...shape] }, position: { x: 0, y: 0 } }];
  const edges: ArchitectureDocument['edges'] = [];
  let previous = 'input';
  layers.forEach((layer, i) => {
    nodes.push({ id: layer.id, type: layer.type, params: layer.params ?? {}, position: { x: 0, y: (i + 1) * 100 } } as LayerNode);
    (layer.from ?? [previous]).forEach((source, k) => edges.push({ id: `e${edges.length}`, source, target: layer.id, targetHandle: `in${k}` }));
    previous = layer.id;
  });
  return { version: 1, name, nodes, edges };
}

// Inputs are in [0, 1]: × 4 − 2 spreads them over [-2, 2] so the activations' negative sides and clips are reached.
const spread: Layer = { id: 'spread', type: 'Rescaling', params: { scale: 4, offset: -2 } };
const conv = (id: string, filters: number, from?: string[]): Layer => ({ id, type: 'Conv2D', params: { filters, kernelSize: 3, strides: 1, padding: 'same', activation: 'linear', useBias: true }, from });
const dense = (id: string, units: number, from?: string[]): Layer => ({ id, type: 'Dense', params: { units, activation: 'linear', useBias: true }, from });

const cases: ArchitectureDocument[] = [
  // LayerNormalization over every axis of an image (-1 is the channels: ONNX's and PyTorch's axis 1), of [h, w] and of [n].
  ...[-1, 1, 2, 3].map((axis) => graph(`LayerNormalization image axis ${axis}`, [5, 6, 3], [conv('conv', 4), { id: 'ln', type: 'LayerNormalization', params: { axis, epsilon: 0.001 } }])),
  ...[-1, 1, 2].map((axis) => graph(`LayerNormalization 2-D axis ${axis}`, [4, 7], [{ id: 'ln', type: 'LayerNormalization', params: { axis, epsilon: 0.01 } }])),
  graph('LayerNormalization flat', [9], [dense('dense', 6), { id: 'ln', type: 'LayerNormalization', params: { axis: -1, epsilon: 1e-5 } }, dense('out', 3)]),
  // ReLU without a maximum (plain relu), with a fractional one, and ReLU6.
  ...[undefined, 0.75, 6].map((maxValue) => graph(`ReLU max ${maxValue}`, [6, 5, 2], [spread, conv('conv', 3), { id: 'relu', type: 'ReLU', params: maxValue === undefined ? {} : { maxValue } }])),
  graph('ReLU flat', [8], [spread, { id: 'relu', type: 'ReLU', params: { maxValue: 1.5 } }]),
  ...[0.3, 0.01, 0].map((alpha) => graph(`LeakyReLU ${alpha}`, [5, 5, 2], [spread, { id: 'lrelu', type: 'LeakyReLU', params: { alpha } }])),
  graph('LeakyReLU 2-D', [3, 4], [spread, { id: 'lrelu', type: 'LeakyReLU', params: { alpha: 0.2 } }]),
  // Softmax over the channels of an image, the last axis of [h, w] (3 here, so a wrong axis shows), and a flat tensor (by -1 and by 1).
  graph('Softmax image', [4, 5, 3], [conv('conv', 4), { id: 'softmax', type: 'Softmax', params: { axis: -1 } }]),
  graph('Softmax image axis 3', [4, 5, 3], [conv('conv', 2), { id: 'softmax', type: 'Softmax', params: { axis: 3 } }]),
  graph('Softmax 2-D', [4, 3], [spread, { id: 'softmax', type: 'Softmax', params: { axis: -1 } }]),
  graph('Softmax flat', [7], [dense('dense', 5), { id: 'softmax', type: 'Softmax', params: { axis: 1 } }]),
  // Merges of two and three branches, images and flat.
  ...(['Multiply', 'Average', 'Maximum'] as const).flatMap((type) => [
    graph(`${type} of two images`, [5, 6, 2], [conv('a', 3, ['input']), conv('b', 3, ['input']), { id: 'merge', type, from: ['a', 'b'] }, conv('after', 2)]),
    graph(`${type} of three images`, [5, 5, 1], [conv('a', 2, ['input']), conv('b', 2, ['input']), conv('c', 2, ['input']), { id: 'merge', type, from: ['a', 'b', 'c'] }]),
    graph(`${type} of flat tensors`, [6], [dense('a', 4, ['input']), dense('b', 4, ['input']), { id: 'merge', type, from: ['a', 'b'] }, dense('out', 3)]),
  ]),
  // Rescaling inside the model, on pixels already divided by 255.
  graph('Rescaling centred', [5, 5, 3], [{ id: 'rescale', type: 'Rescaling', params: { scale: 2, offset: -1 } }, conv('conv', 2)]),
  graph('Rescaling no offset', [6], [{ id: 'rescale', type: 'Rescaling', params: { scale: -0.37, offset: 0 } }]),
  graph('Rescaling offset only', [3, 4], [{ id: 'rescale', type: 'Rescaling', params: { scale: 1, offset: 0.25 } }]),
  // Augmentation: identity at inference, in the middle and as the model's output.
  graph('augmentation chain', [8, 8, 1], [
    { id: 'flip', type: 'RandomFlip', params: { mode: 'horizontal_and_vertical' } },
    { id: 'translate', type: 'RandomTranslation', params: { heightFactor: 0.2, widthFactor: 0.2, fillMode: 'reflect' } },
    { id: 'rotate', type: 'RandomRotation', params: { factor: 0.1 } },
    { id: 'zoom', type: 'RandomZoom', params: { heightFactor: 0.2 } },
    { id: 'contrast', type: 'RandomContrast', params: { factor: 0.3 } },
    conv('conv', 2),
  ]),
  graph('augmentation last', [6, 6, 3], [conv('conv', 2), { id: 'contrast', type: 'RandomContrast', params: { factor: 0.5 } }]),
  templateDocument('course-cnn-augmented'),
];

const augmentation = ['RandomFlip', 'RandomTranslation', 'RandomRotation', 'RandomZoom', 'RandomContrast'];

beforeAll(async () => {
  await tf.setBackend('cpu');
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = `${path.join(process.cwd(), 'node_modules', 'onnxruntime-web', 'dist')}/`;
});

const references = new Map<string, Reference>();
function reference(doc: ArchitectureDocument): Reference {
  if (!references.has(doc.name)) references.set(doc.name, referenceRun(doc, doc.name.length * 7919 + 3));
  return references.get(doc.name)!;
}

describe('the cases are valid graphs holding their types', () => {
  it.each(cases.map((doc) => [doc.name, doc] as const))('%s', (_name, doc) => {
    expect(analyzeGraph(doc).issues.filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('cover every type of this part and its params', () => {
    const types = new Set(cases.flatMap((doc) => doc.nodes.map((n) => n.type)));
    for (const type of ['LayerNormalization', 'ReLU', 'LeakyReLU', 'Softmax', 'Multiply', 'Average', 'Maximum', 'Rescaling', ...augmentation]) expect(types).toContain(type);
  });
});

describe('ONNX export of the new types', () => {
  it.each(cases.map((doc) => [doc.name, doc] as const))('%s runs in onnxruntime with tfjs’s outputs', async (_name, doc) => {
    const ref = reference(doc);
    const exported = exportOnnx(doc, ref.weights);
    if (!exported.ok) throw new Error(JSON.stringify(exported.refusal));
    const session = await ort.InferenceSession.create(exported.bytes);
    try {
      const result = await session.run({ input: new ort.Tensor('float32', ref.input.values, ref.input.dims) });
      const output = result[session.outputNames[0]!]!;
      expect([...output.dims]).toEqual(ref.output.dims);
      expect(maxAbsDifference(output.data as Float32Array, ref.output.values)).toBeLessThan(1e-4);
    } finally {
      await session.release();
    }
  });

  it('leaves the augmentation layers (and Dropout) out, and writes LayerNormalization with opset-13 operators only', () => {
    for (const doc of cases) {
      const exported = exportOnnx(doc, reference(doc).weights);
      if (!exported.ok) throw new Error(JSON.stringify(exported.refusal));
      const model = proto.ModelProto.decode(exported.bytes);
      expect(Number(model.opsetImport[0]!.version)).toBe(13);
      const nodes = model.graph!.node!;
      const opsOf = (id: string) => nodes.filter((n) => n.name === id || n.name!.startsWith(`${id}/`)).map((n) => n.opType);
      for (const node of doc.nodes) {
        if (node.type === 'Input') continue;
        const ops = opsOf(node.id);
        const last = node.id === model.graph!.output![0]!.name;
        if (isTrainingOnly(node.type)) expect(ops, `${doc.name}: ${node.id}`).toEqual(last ? ['Identity'] : []);
        else expect(ops.length, `${doc.name}: ${node.id}`).toBeGreaterThan(0);
        if (node.type === 'LayerNormalization') expect(ops).not.toContain('LayerNormalization');
      }
    }
  });
});

const torchMissing = pythonMissing(['torch', 'numpy', 'onnx']);
if (torchMissing) console.warn(`Skipping the PyTorch and ONNX-checker runs: ${torchMissing}`);

describe.skipIf(torchMissing !== null)(torchMissing ? `PyTorch and ONNX checker (skipped: ${torchMissing})` : 'PyTorch and ONNX checker', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cnn-studio-new-types-b-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('model.py gives tfjs’s outputs within 1e-4 and the parameter count the editor shows, for every case', () => {
    const run = runInTorch(dir, cases.map((doc) => ({ label: doc.name, doc, reference: reference(doc) })));
    expect(run.status, run.stderr).toBe(0);
    cases.forEach((doc, i) => {
      const ref = reference(doc);
      const { shape, parameters, output } = run.results[i]!;
      const error = maxAbsDifference(output, ref.output.values);
      expect({ case: doc.name, shape, close: error < 1e-4 }).toEqual({ case: doc.name, shape: ref.output.dims, close: true });
      expect({ case: doc.name, parameters }).toEqual({ case: doc.name, parameters: analyzeGraph(doc).totals!.total });
    });
  });

  it('ONNX’s checker accepts every case with full_check', () => {
    const files = cases.map((doc, i) => {
      const exported = exportOnnx(doc, reference(doc).weights);
      if (!exported.ok) throw new Error(JSON.stringify(exported.refusal));
      const file = path.join(dir, `model${i}.onnx`);
      writeFileSync(file, exported.bytes);
      return file;
    });
    const script = 'import sys, onnx\nfor f in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(f), full_check=True)\nprint("ok")';
    const run = spawnSync(python, ['-c', script, ...files], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('ok');
  });
});
