import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../compile';
import { analyzeGraph } from '../graph';
import type { ArchitectureDocument } from '../schema';
import { templateDocument } from '../templates';
import { KERNEL_PRESETS } from './course';
import { convLayersOf, featureMapLayerNames, featureMaps, kernelImage, learnedKernels } from './perceive';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const position = { x: 0, y: 0 };
const smallDoc: ArchitectureDocument = {
  version: 1,
  name: 'small',
  nodes: [
    { id: 'input', type: 'Input', params: { shape: [6, 6, 1] }, position },
    { id: 'edges', type: 'Conv2D', params: { filters: 2, kernelSize: 3, strides: 1, padding: 'valid', activation: 'linear', useBias: true }, position },
    { id: 'pool', type: 'MaxPooling2D', params: { poolSize: 2, strides: 2, padding: 'valid' }, position },
    { id: 'flat', type: 'Flatten', params: {}, position },
    { id: 'out', type: 'Dense', params: { units: 2, activation: 'softmax', useBias: true }, position },
  ],
  edges: [
    { id: 'e1', source: 'input', target: 'edges', targetHandle: 'in0' },
    { id: 'e2', source: 'edges', target: 'pool', targetHandle: 'in0' },
    { id: 'e3', source: 'pool', target: 'flat', targetHandle: 'in0' },
    { id: 'e4', source: 'flat', target: 'out', targetHandle: 'in0' },
  ],
};

function compiled(doc: ArchitectureDocument): tf.LayersModel {
  const result = compileGraph(doc, { seed: 1 });
  if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '));
  return result.model;
}

/** Puts the vertical-edge kernel in filter 0 and its negative in filter 1. */
function setEdgeKernels(model: tf.LayersModel) {
  const v = KERNEL_PRESETS.verticalEdges;
  const values: number[] = [];
  for (let r = 0; r < 3; r++) for (let c = 0; c < 3; c++) values.push(v[r]![c]!, 0 - v[r]![c]! || 0); // [kh, kw, 1, 2]
  model.getLayer('edges').setWeights([tf.tensor4d(values, [3, 3, 1, 2]), tf.zeros([2])]);
}

describe('learned kernels', () => {
  it('lists the Conv2D layers by node id with their kernel shapes', () => {
    const model = compiled(templateDocument('course-cnn'));
    expect(convLayersOf(model)).toEqual([
      { name: 'conv1', kernelShape: [3, 3, 1, 75] },
      { name: 'conv2', kernelShape: [3, 3, 75, 50] },
      { name: 'conv3', kernelShape: [3, 3, 50, 25] },
    ]);
    model.dispose();
  });

  it('reads each filter as a grid and draws 0 as mid gray, the largest |weight| as white or black', () => {
    const model = compiled(smallDoc);
    setEdgeKernels(model);
    const k = learnedKernels(model, 'edges', 0);
    expect(k.grids[0]).toEqual(KERNEL_PRESETS.verticalEdges);
    expect(k.grids[1]![1]).toEqual([-2, 0, 2]);
    expect(k.maxAbs).toBe(2);
    expect(Array.from(k.images[0]!.pixels.slice(3, 6))).toEqual([1, 0.5, 0]);
    expect(() => learnedKernels(model, 'edges', 3)).toThrow('edges has 1 input channels; there is no channel 3');
    model.dispose();
  });

  it('averages over input channels for deeper layers', () => {
    const model = compiled(templateDocument('course-cnn'));
    const conv2 = model.getLayer('conv2').getWeights()[0]!;
    const values = conv2.arraySync() as number[][][][];
    const mean = values[0]![0]!.reduce((a, byOut) => a + byOut[7]!, 0) / 75;
    expect(learnedKernels(model, 'conv2', 'mean').grids[7]![0]![0]).toBeCloseTo(mean, 6);
    model.dispose();
  });

  it('draws a classic kernel the same way', () => {
    expect(Array.from(kernelImage(KERNEL_PRESETS.sharpen).pixels).map((v) => Math.round(v * 1000) / 1000)).toEqual([0.5, 0.4, 0.5, 0.4, 1, 0.4, 0.5, 0.4, 0.5]);
  });
});

describe('feature maps', () => {
  it('gives every convolution and pooling layer of the course CNN, with the analyzer’s shapes', async () => {
    const doc = templateDocument('course-cnn');
    const model = compiled(doc);
    const analysis = analyzeGraph(doc);
    const maps = await featureMaps(model, new Float32Array(28 * 28).map((_, i) => (i % 7) / 7), [28, 28, 1]);
    expect(maps.map((m) => m.name)).toEqual(['conv1', 'pool1', 'conv2', 'pool2', 'conv3', 'pool3']);
    expect(maps.map((m) => m.shape)).toEqual(maps.map((m) => analysis.nodes[m.name]!.outputShape));
    expect(maps[0]!.maps).toHaveLength(75);
    expect(featureMapLayerNames(model)).toEqual(maps.map((m) => m.name));
    model.dispose();
  });

  it('include the newer image-producing layers (depthwise, separable and transposed convolutions, upsampling), not flat or padding ones', async () => {
    const chain = [
      { id: 'up', type: 'Conv2DTranspose', params: { filters: 3, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', useBias: true } },
      { id: 'depthwise', type: 'DepthwiseConv2D', params: { kernelSize: 3, strides: 1, padding: 'same', depthMultiplier: 2, activation: 'linear', useBias: true } },
      { id: 'pad', type: 'ZeroPadding2D', params: { padding: [[1, 1], [1, 1]] } },
      { id: 'separable', type: 'SeparableConv2D', params: { filters: 4, kernelSize: 3, strides: 1, padding: 'valid', depthMultiplier: 1, activation: 'relu', useBias: true } },
      { id: 'bigger', type: 'UpSampling2D', params: { size: 2, interpolation: 'nearest' } },
      { id: 'gmp', type: 'GlobalMaxPooling2D', params: {} },
      { id: 'out', type: 'Dense', params: { units: 2, activation: 'softmax', useBias: true } },
    ];
    const ids = ['input', ...chain.map((n) => n.id)];
    const doc = {
      version: 1,
      name: 'newer',
      nodes: [{ id: 'input', type: 'Input', params: { shape: [6, 6, 1] }, position }, ...chain.map((n) => ({ ...n, position }))],
      edges: ids.slice(1).map((id, i) => ({ id: `e${i}`, source: ids[i]!, target: id, targetHandle: 'in0' })),
    } as ArchitectureDocument;
    const model = compiled(doc);
    const analysis = analyzeGraph(doc);
    const maps = await featureMaps(model, new Float32Array(36).map((_, i) => (i % 5) / 5), [6, 6, 1]);
    expect(maps.map((m) => `${m.name}:${m.className}`)).toEqual(['up:Conv2DTranspose', 'depthwise:DepthwiseConv2D', 'separable:SeparableConv2D', 'bigger:UpSampling2D']);
    expect(maps.map((m) => m.shape)).toEqual(maps.map((m) => analysis.nodes[m.name]!.outputShape));
    expect(maps[1]!.maps).toHaveLength(6);
    model.dispose();
  });

  it('are the layer outputs: a vertical-edge kernel lights up where the image changes from bright to dark', async () => {
    const model = compiled(smallDoc);
    setEdgeKernels(model);
    // Left half white, right half black: one vertical edge between columns 3 and 4.
    const pixels = new Float32Array(36).map((_, i) => (i % 6 < 3 ? 1 : 0));
    const [conv, pool] = await featureMaps(model, pixels, [6, 6, 1]);
    expect(conv!.shape).toEqual([4, 4, 2]);
    expect(conv!.ranges[0]).toEqual({ min: 0, max: 4 });
    expect(conv!.ranges[1]).toEqual({ min: -4, max: 0 });
    // Stretched for display: columns 1 and 2 of the 4×4 map see the edge.
    expect(Array.from(conv!.maps[0]!.pixels.slice(0, 4))).toEqual([0, 1, 1, 0]);
    expect(pool!.shape).toEqual([2, 2, 2]);
    expect(pool!.ranges[0]).toEqual({ min: 4, max: 4 });
    model.dispose();
  });
});
