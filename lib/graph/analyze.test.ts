import { describe, expect, it } from 'vitest';
import { templateDocument, templateIds } from '../templates';
import type { ArchitectureDocument, LayerNode } from '../schema';
import { analyzeGraph } from './analyze';

function chain(...layers: Array<Pick<LayerNode, 'type' | 'params'> & { id?: string }>): ArchitectureDocument {
  const nodes = layers.map((l, i) => ({ id: l.id ?? `n${i}`, type: l.type, params: l.params, position: { x: 0, y: i * 100 } }) as LayerNode);
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: n.id, targetHandle: 'in0' }));
  return { version: 1, name: 't', nodes, edges };
}
const input = (shape = [28, 28, 1]) => ({ type: 'Input' as const, params: { shape } });
const conv = (filters: number, kernelSize: number, padding: 'same' | 'valid' = 'same', strides = 1) => ({
  type: 'Conv2D' as const,
  params: { filters, kernelSize, strides, padding, activation: 'relu' as const, useBias: true },
});
const dense = (units: number, activation: 'relu' | 'softmax' = 'softmax') => ({
  type: 'Dense' as const,
  params: { units, activation, useBias: true },
});
const flatten = { type: 'Flatten' as const, params: {} };

function errorsOn(doc: ArchitectureDocument, nodeId: string) {
  return analyzeGraph(doc).nodes[nodeId]!.issues.filter((i) => i.severity === 'error');
}

describe('analyzeGraph on the course template', () => {
  const doc = templateDocument('course-cnn');
  const a = analyzeGraph(doc);
  it('has no errors and the exact totals', () => {
    expect(a.issues).toEqual([]);
    expect(a.totals).toEqual({ total: 264_049, trainable: 263_749, nonTrainable: 300 });
  });
  it('gives every layer the course shape', () => {
    const shapes = Object.fromEntries(doc.nodes.map((n) => [n.id, a.nodes[n.id]!.outputShape]));
    expect(shapes).toEqual({
      input: [28, 28, 1],
      conv1: [28, 28, 75],
      bn1: [28, 28, 75],
      pool1: [14, 14, 75],
      conv2: [14, 14, 50],
      drop1: [14, 14, 50],
      bn2: [14, 14, 50],
      pool2: [7, 7, 50],
      conv3: [7, 7, 25],
      bn3: [7, 7, 25],
      pool3: [4, 4, 25],
      flatten: [400],
      dense1: [512],
      drop2: [512],
      output: [24],
    });
    expect(a.nodes.conv1!.paramCount).toEqual({ total: 750, trainable: 750, nonTrainable: 0 });
    expect(a.nodes.bn1!.paramCount).toEqual({ total: 300, trainable: 150, nonTrainable: 150 });
    expect(a.nodes.dense1!.paramCount!.total).toBe(205_312);
    expect(a.edges.e12).toEqual([400]);
  });
  it.each(templateIds)('template %s analyses without errors', (id) => {
    expect(analyzeGraph(templateDocument(id)).errorCount).toBe(0);
  });
  it('dense baseline has the expected total', () => {
    // 784*512+512 + 512*512+512 + 512*24+24
    expect(analyzeGraph(templateDocument('dense-baseline')).totals!.total).toBe(401_920 + 262_656 + 12_312);
  });
});

describe('output sizes follow Keras', () => {
  it.each([
    [28, 3, 1, 'valid', 26],
    [28, 3, 2, 'valid', 13],
    [28, 3, 1, 'same', 28],
    [7, 2, 2, 'same', 4],
    [7, 2, 2, 'valid', 3],
    [5, 5, 1, 'valid', 1],
  ] as const)('n=%i k=%i s=%i %s -> %i', (n, k, s, padding, expected) => {
    const doc = chain(input([n, n, 1]), conv(4, k, padding, s), flatten, dense(2));
    expect(analyzeGraph(doc).nodes.n1!.outputShape).toEqual([expected, expected, 4]);
  });
});

describe('errors land on the node that causes them', () => {
  it('Dense fed a 3-D tensor, with the Flatten fix, also through Dropout and BatchNormalization', () => {
    const doc = chain(input([14, 14, 1]), conv(25, 3, 'same', 2), { type: 'Dropout', params: { rate: 0.2 } }, { type: 'BatchNormalization', params: { momentum: 0.99, epsilon: 0.001 } }, dense(10));
    const [err] = errorsOn(doc, 'n4');
    expect(err?.message).toBe('Dense expects a flat input [n] but gets [7, 7, 25]: insert a Flatten before it');
    expect(err?.fix).toEqual({ kind: 'insertBefore', layerType: 'Flatten', nodeId: 'n4' });
    expect(analyzeGraph(doc).totals).toBeNull();
    expect(errorsOn(doc, 'n1')).toEqual([]);
  });
  it('no Input', () => {
    const doc = chain(flatten, dense(10));
    const a = analyzeGraph(doc);
    expect(a.issues.some((i) => i.code === 'noInput' && i.nodeId === null)).toBe(true);
    expect(a.totals).toBeNull();
  });
  it('several Inputs: each Input is marked', () => {
    const doc = chain(input(), flatten, dense(10));
    doc.nodes.push({ id: 'in2', type: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } });
    expect(errorsOn(doc, 'in2').map((e) => e.code)).toContain('severalInputs');
    expect(errorsOn(doc, 'n0').map((e) => e.code)).toContain('severalInputs');
  });
  it('cycles are marked on the nodes of the cycle', () => {
    const doc = chain(input(), conv(4, 3), conv(4, 3), flatten, dense(2));
    doc.edges.push({ id: 'back', source: 'n2', target: 'n1', targetHandle: 'in0' });
    const a = analyzeGraph(doc);
    expect(a.nodes.n1!.issues.map((i) => i.code)).toContain('cycle');
    expect(a.nodes.n2!.issues.map((i) => i.code)).toContain('cycle');
    expect(a.nodes.n0!.issues).toEqual([]);
    expect(a.totals).toBeNull();
  });
  it('a node not connected to the Input', () => {
    const doc = chain(input(), flatten, dense(10));
    doc.nodes.push({ id: 'lonely', type: 'Input', params: { shape: [1] }, position: { x: 0, y: 0 } });
    doc.nodes.pop();
    doc.nodes.push({ id: 'orphan', type: 'Dense', params: { units: 3, activation: 'relu', useBias: true }, position: { x: 0, y: 0 } });
    doc.nodes.push({ id: 'child', type: 'Dense', params: { units: 3, activation: 'relu', useBias: true }, position: { x: 0, y: 0 } });
    doc.edges.push({ id: 'x', source: 'orphan', target: 'child', targetHandle: 'in0' });
    expect(errorsOn(doc, 'orphan').map((e) => e.code)).toEqual(['missingInput']);
    expect(errorsOn(doc, 'child').map((e) => e.code)).toEqual(['notConnected']);
  });
  it('a layer with two inputs where it takes one', () => {
    const doc = chain(input(), conv(4, 3), conv(4, 3), flatten, dense(2));
    doc.edges.push({ id: 'extra', source: 'n0', target: 'n2', targetHandle: 'in1' });
    expect(errorsOn(doc, 'n2').map((e) => e.code)).toEqual(['tooManyInputs']);
  });
  it('Add with unequal shapes, naming them', () => {
    const doc = templateDocument('residual');
    const resB = doc.nodes.find((n) => n.id === 'res_b')!;
    if (resB.type !== 'Conv2D') throw new Error();
    resB.params.filters = 8;
    const [err] = errorsOn(doc, 'add');
    expect(err?.code).toBe('addShapesDiffer');
    expect(err?.message).toContain('[28, 28, 16] + [28, 28, 8]');
  });
  it('Concatenate joins along the last axis and rejects mismatched other dimensions', () => {
    const doc = templateDocument('residual');
    const add = doc.nodes.find((n) => n.id === 'add')!;
    Object.assign(add, { type: 'Concatenate', params: { axis: -1 } });
    expect(analyzeGraph(doc).nodes.add!.outputShape).toEqual([28, 28, 32]);
    const resB = doc.nodes.find((n) => n.id === 'res_b')!;
    if (resB.type !== 'Conv2D') throw new Error();
    resB.params.strides = 2;
    expect(errorsOn(doc, 'add').map((e) => e.code)).toEqual(['concatShapesDiffer']);
  });
  it('a window larger than its input under valid padding', () => {
    const doc = chain(input([2, 2, 1]), { type: 'MaxPooling2D', params: { poolSize: 3, padding: 'valid' } }, flatten, dense(2));
    const [err] = errorsOn(doc, 'n1');
    expect(err?.code).toBe('windowTooLarge');
    expect(err?.message).toContain('3×3');
    expect(err?.fix).toEqual({ kind: 'setParam', nodeId: 'n1', param: 'padding', value: 'same' });
  });
  it('several outputs (loose ends) are marked on each', () => {
    const doc = chain(input(), flatten, dense(10));
    doc.nodes.push({ id: 'side', type: 'Dense', params: { units: 3, activation: 'relu', useBias: true }, position: { x: 0, y: 0 } });
    doc.edges.push({ id: 'x', source: 'n1', target: 'side', targetHandle: 'in0' });
    expect(errorsOn(doc, 'side').map((e) => e.code)).toEqual(['severalOutputs']);
    expect(errorsOn(doc, 'n2').map((e) => e.code)).toEqual(['severalOutputs']);
  });
  it('Conv2D after Flatten says it needs an image', () => {
    const doc = chain(input(), flatten, conv(4, 3), flatten, dense(2));
    expect(errorsOn(doc, 'n2')[0]?.message).toBe('Conv2D expects an image-shaped input [height, width, channels] but gets [784]: use an image-shaped Input, or insert a Reshape before it');
  });
  it('a missing input on a merge', () => {
    const doc = chain(input(), flatten, { type: 'Add', params: {} }, dense(2));
    expect(errorsOn(doc, 'n2').map((e) => e.code)).toEqual(['tooFewInputs']);
  });
  it('warns, without blocking totals, when the last layer is not a softmax Dense', () => {
    const doc = chain(input(), flatten, dense(10, 'relu'));
    const a = analyzeGraph(doc);
    expect(a.nodes.n2!.issues.map((i) => [i.severity, i.code])).toEqual([['warning', 'outputNotSoftmax']]);
    expect(a.totals).not.toBeNull();
  });
});

describe('parameter counts stay exact and within the limit', () => {
  it('refuses a Dense of 7,850,000,000,000 parameters on the layer, with no total (never an inexact count)', () => {
    // [4096, 4096, 64] flattened is 1,073,741,824 numbers; × 65,536 units is far past 2^53 / 1e9.
    const doc = chain(input([4096, 4096, 64]), flatten, { ...dense(65_536), id: 'huge' });
    const a = analyzeGraph(doc);
    expect(errorsOn(doc, 'huge').map((i) => i.code)).toEqual(['tooManyParams']);
    expect(errorsOn(doc, 'huge')[0]!.message).toMatch(/^Dense would have [\d,]+ parameters, more than the limit of 1,000,000,000/);
    expect(a.nodes.huge!.paramCount).toBeNull();
    expect(a.totals).toBeNull();
  });

  it('refuses a model whose layers are each within the limit but whose total is not', () => {
    const doc = chain(input([700_000]), dense(1000, 'relu'), dense(1000, 'relu'), { ...dense(700_000), id: 'last' });
    const a = analyzeGraph(doc);
    expect(a.issues.filter((i) => i.severity === 'error').map((i) => i.code)).toEqual(['tooManyParamsTotal']);
    expect(a.totals).toBeNull();
  });

  it('keeps every count a safe integer for a model just within the limits', () => {
    const a = analyzeGraph(chain(input([1_048_576]), dense(900, 'softmax')));
    expect(a.totals!.total).toBe(1_048_576 * 900 + 900);
    expect(Number.isSafeInteger(a.totals!.total)).toBe(true);
  });
});
