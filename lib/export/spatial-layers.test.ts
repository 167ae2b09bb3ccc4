// ONNX and PyTorch export of DepthwiseConv2D, SeparableConv2D,
// Conv2DTranspose, UpSampling2D, ZeroPadding2D, Cropping2D, Reshape and
// GlobalMaxPooling2D: small graphs with each type's awkward settings (uneven
// 'same' padding, strides above the kernel, depth multipliers, both
// interpolations, reshapes between ranks), random weights and inputs, run in
// onnxruntime-web and in real PyTorch, within 1e-4 of tfjs (CPU backend).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import * as ort from 'onnxruntime-web';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../graph';
import type { Shape } from '../graph/shape';
import type { LayerType } from '../layers/registry';
import type { ArchitectureDocument, LayerNode } from '../schema';
import { templateDocument } from '../templates';
import { exportOnnx } from './onnx';
import { maxAbsDifference, referenceRun } from './testing';
import { pythonMissing, runInTorch } from './torch-testing';

interface Case {
  label: string;
  doc: ArchitectureDocument;
}

/** Input(shape) → type(params), optionally → Flatten → Dense(softmax) so a classifier head reads the layout too. */
function oneLayer(type: LayerType, params: unknown, shape: Shape, head = false): Case {
  const nodes = [
    { id: 'input', type: 'Input', params: { shape }, position: { x: 0, y: 0 } },
    { id: 'layer', type, params, position: { x: 0, y: 100 } },
  ] as LayerNode[];
  const edges: ArchitectureDocument['edges'] = [{ id: 'e0', source: 'input', target: 'layer', targetHandle: 'in0' }];
  if (head) {
    // Flatten only what is not flat yet (tfjs's Flatten refuses [n]).
    const flat = analyzeGraph({ version: 1, name: type, nodes, edges }).nodes.layer?.outputShape?.length === 1;
    if (!flat) nodes.push({ id: 'flat', type: 'Flatten', params: {}, position: { x: 0, y: 200 } } as LayerNode);
    nodes.push({ id: 'out', type: 'Dense', params: { units: 3, activation: 'softmax', useBias: true }, position: { x: 0, y: 300 } } as LayerNode);
    if (flat) edges.push({ id: 'e1', source: 'layer', target: 'out', targetHandle: 'in0' });
    else edges.push({ id: 'e1', source: 'layer', target: 'flat', targetHandle: 'in0' }, { id: 'e2', source: 'flat', target: 'out', targetHandle: 'in0' });
  }
  return { label: `${type} ${JSON.stringify(params)} on ${JSON.stringify(shape)}${head ? ' + Dense' : ''}`, doc: { version: 1, name: type, nodes, edges } };
}

/** Input(shape) → each layer in turn. */
function chain(label: string, shape: Shape, layers: readonly (readonly [LayerType, unknown])[]): Case {
  const nodes = [{ id: 'input', type: 'Input', params: { shape }, position: { x: 0, y: 0 } }] as LayerNode[];
  const edges: ArchitectureDocument['edges'] = [];
  layers.forEach(([type, params], i) => {
    nodes.push({ id: `layer${i}`, type, params, position: { x: 0, y: 100 * (i + 1) } } as LayerNode);
    edges.push({ id: `e${i}`, source: nodes[i]!.id, target: `layer${i}`, targetHandle: 'in0' });
  });
  return { label, doc: { version: 1, name: label, nodes, edges } };
}

const cases: Case[] = [
  oneLayer('DepthwiseConv2D', { kernelSize: 3, strides: 1, padding: 'same', depthMultiplier: 1, activation: 'linear', useBias: true }, [7, 8, 3]),
  oneLayer('DepthwiseConv2D', { kernelSize: [2, 3], strides: 2, padding: 'same', depthMultiplier: 3, activation: 'relu6', useBias: false }, [8, 7, 2]),
  oneLayer('DepthwiseConv2D', { kernelSize: 3, strides: 2, padding: 'valid', depthMultiplier: 2, activation: 'softmax', useBias: true }, [9, 6, 3], true),
  oneLayer('SeparableConv2D', { filters: 4, kernelSize: 3, strides: 1, padding: 'same', depthMultiplier: 1, activation: 'relu', useBias: true }, [6, 7, 3]),
  oneLayer('SeparableConv2D', { filters: 2, kernelSize: [3, 2], strides: 2, padding: 'same', depthMultiplier: 2, activation: 'softmax', useBias: false }, [8, 9, 2]),
  // Keras's model.summary() (by hand from its definition): depthwise 2·2·1·3 = 12, pointwise 3·5 = 15, bias 5: 32 parameters.
  oneLayer('SeparableConv2D', { filters: 5, kernelSize: 2, strides: 1, padding: 'valid', depthMultiplier: 3, activation: 'linear', useBias: true }, [5, 5, 1], true),
  oneLayer('Conv2DTranspose', { filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'linear', useBias: true }, [4, 5, 2]),
  // Even and odd total crops, a stride above the kernel (output padding), valid with k < s, uneven strides.
  oneLayer('Conv2DTranspose', { filters: 2, kernelSize: 4, strides: 2, padding: 'same', activation: 'relu', useBias: true }, [3, 4, 3]),
  oneLayer('Conv2DTranspose', { filters: 2, kernelSize: 5, strides: 2, padding: 'same', activation: 'tanh', useBias: false }, [3, 3, 2]),
  oneLayer('Conv2DTranspose', { filters: 3, kernelSize: 2, strides: 3, padding: 'same', activation: 'linear', useBias: true }, [3, 4, 1]),
  oneLayer('Conv2DTranspose', { filters: 2, kernelSize: 1, strides: 2, padding: 'valid', activation: 'linear', useBias: true }, [3, 3, 2]),
  oneLayer('Conv2DTranspose', { filters: 4, kernelSize: [3, 2], strides: [2, 1], padding: 'valid', activation: 'softmax', useBias: true }, [4, 3, 2], true),
  oneLayer('Conv2DTranspose', { filters: 2, kernelSize: [2, 5], strides: [1, 3], padding: 'same', activation: 'sigmoid', useBias: true }, [4, 3, 2]),
  oneLayer('UpSampling2D', { size: 2, interpolation: 'nearest' }, [4, 5, 2]),
  oneLayer('UpSampling2D', { size: [2, 3], interpolation: 'nearest' }, [3, 4, 3], true),
  oneLayer('UpSampling2D', { size: 2, interpolation: 'bilinear' }, [4, 5, 2]),
  oneLayer('UpSampling2D', { size: [3, 2], interpolation: 'bilinear' }, [5, 3, 3], true),
  oneLayer('ZeroPadding2D', { padding: [[1, 2], [0, 3]] }, [4, 5, 2]),
  oneLayer('ZeroPadding2D', { padding: [[2, 0], [1, 1]] }, [3, 3, 3], true),
  oneLayer('Cropping2D', { cropping: [[1, 0], [2, 1]] }, [5, 6, 2]),
  oneLayer('Cropping2D', { cropping: [[0, 2], [1, 1]] }, [6, 5, 3], true),
  oneLayer('Reshape', { targetShape: [-1] }, [4, 3, 2], true),
  oneLayer('Reshape', { targetShape: [8, 3, 2] }, [4, 6, 2]),
  oneLayer('Reshape', { targetShape: [2, -1, 4] }, [4, 6, 2], true),
  oneLayer('Reshape', { targetShape: [12, 4] }, [4, 6, 2]),
  oneLayer('Reshape', { targetShape: [2, 3, 4] }, [24]),
  oneLayer('Reshape', { targetShape: [3, 8] }, [4, 6], true),
  oneLayer('GlobalMaxPooling2D', {}, [5, 4, 3]),
  oneLayer('GlobalMaxPooling2D', {}, [3, 6, 2], true),
  // onnxruntime folds a zero Pad into a following pool's pads, which pools ignore rather than count as zeros.
  // A linear Conv2D first, so the pool sees negative values and a padded zero is the maximum somewhere.
  chain('Conv2D → ZeroPadding2D → MaxPooling2D', [4, 5, 2], [['Conv2D', { filters: 3, kernelSize: 1, strides: 1, padding: 'valid', activation: 'linear', useBias: false }], ['ZeroPadding2D', { padding: [[1, 1], [2, 0]] }], ['MaxPooling2D', { poolSize: 3, strides: 1, padding: 'valid' }]]),
  chain('ZeroPadding2D → AveragePooling2D', [4, 5, 2], [['ZeroPadding2D', { padding: [[1, 1], [1, 1]] }], ['AveragePooling2D', { poolSize: 2, strides: 1, padding: 'valid' }]]),
  chain('ZeroPadding2D × 2 → AveragePooling2D', [4, 4, 1], [['ZeroPadding2D', { padding: [[1, 1], [1, 1]] }], ['ZeroPadding2D', { padding: [[1, 1], [1, 1]] }], ['AveragePooling2D', { poolSize: 2, padding: 'valid' }]]),
  chain('ZeroPadding2D → Conv2D', [4, 4, 2], [['ZeroPadding2D', { padding: [[2, 1], [0, 1]] }], ['Conv2D', { filters: 2, kernelSize: 3, strides: 1, padding: 'same', activation: 'linear', useBias: true }]]),
  { label: 'mobilenet-mini template', doc: templateDocument('mobilenet-mini') },
];

beforeAll(async () => {
  await tf.setBackend('cpu');
  ort.env.wasm.numThreads = 1;
  ort.env.wasm.wasmPaths = `${path.join(process.cwd(), 'node_modules', 'onnxruntime-web', 'dist')}/`;
});

describe('ONNX export of the spatial layer types', () => {
  it.each(cases.map((c, i) => [c.label, i] as const))('%s runs in onnxruntime with tfjs’s outputs', async (_label, i) => {
    const { doc } = cases[i]!;
    const reference = referenceRun(doc, 11 + i);
    const exported = exportOnnx(doc, reference.weights);
    if (!exported.ok) throw new Error(JSON.stringify(exported.refusal));
    const session = await ort.InferenceSession.create(exported.bytes);
    try {
      const result = await session.run({ input: new ort.Tensor('float32', reference.input.values, reference.input.dims) });
      const output = result[session.outputNames[0]!]!;
      expect([...output.dims]).toEqual(reference.output.dims);
      expect(maxAbsDifference(output.data as Float32Array, reference.output.values)).toBeLessThan(1e-4);
    } finally {
      await session.release();
    }
  });
});

const torchMissing = pythonMissing(['torch', 'numpy', 'onnx']);
if (torchMissing) console.warn(`Skipping the PyTorch run and the ONNX checker: ${torchMissing}`);

describe.skipIf(torchMissing !== null)(torchMissing ? `PyTorch export of the spatial layer types (skipped: ${torchMissing})` : 'PyTorch export of the spatial layer types', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'cnn-studio-spatial-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('every case runs in PyTorch with tfjs’s outputs within 1e-4 and the editor’s parameter count, and ONNX’s checker accepts its ONNX model', () => {
    const references = cases.map((c, i) => referenceRun(c.doc, 11 + i));
    const run = runInTorch(dir, cases.map((c, i) => ({ ...c, reference: references[i]! })), { checkOnnx: true });
    expect(run.status, run.stderr).toBe(0);
    cases.forEach((c, i) => {
      const { shape, parameters: torchParameters, output } = run.results[i]!;
      const error = maxAbsDifference(output, references[i]!.output.values);
      // The parameter count PyTorch holds is the one the editor shows (Keras's model.summary()).
      const parameters = analyzeGraph(c.doc).totals!.total;
      expect({ label: c.label, shape, close: error < 1e-4, parameters: torchParameters }).toEqual({
        label: c.label,
        shape: references[i]!.output.dims,
        close: true,
        parameters,
      });
    });
  });
});
