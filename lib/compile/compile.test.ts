import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../graph';
import { arbitraryGraph } from '../layers/testing/arbitrary';
import type { ArchitectureDocument, LayerNode } from '../schema';
import { templateDocument, templateIds } from '../templates';
import { compileGraph } from './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function chain(...layers: Array<Pick<LayerNode, 'type' | 'params'> & { id?: string }>): ArchitectureDocument {
  const nodes = layers.map((l, i) => ({ id: l.id ?? `n${i}`, type: l.type, params: l.params, position: { x: 0, y: i * 100 } }) as LayerNode);
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: n.id, targetHandle: 'in0' }));
  return { version: 1, name: 't', nodes, edges };
}

describe('compileGraph agrees with analyzeGraph', () => {
  it.each(templateIds)('template %s: same parameter count and every layer shape', (id) => {
    const doc = templateDocument(id);
    const analysis = analyzeGraph(doc);
    const result = compileGraph(doc);
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '));
    const { model } = result;
    try {
      expect(model.countParams()).toBe(analysis.totals!.total);
      for (const node of doc.nodes) {
        const layer = model.getLayer(result.layerNameOf.get(node.id)!);
        const expected = analysis.nodes[node.id]!;
        expect({ node: node.id, shape: layer.outputShape }).toEqual({ node: node.id, shape: [null, ...expected.outputShape!] });
        expect({ node: node.id, params: layer.countParams() }).toEqual({ node: node.id, params: expected.paramCount!.total });
      }
      // Every layer of the model is one of the document's nodes, none extra.
      expect(model.layers.map((l) => result.nodeIdOf.get(l.name)).sort()).toEqual(doc.nodes.map((n) => n.id).sort());
    } finally {
      model.dispose();
    }
  });

  it('runs the residual template (a branch and a merge) forward to class probabilities', () => {
    const result = compileGraph(templateDocument('residual'));
    if (!result.ok) throw new Error('did not compile');
    const probabilities = tf.tidy(() => (result.model.predict(tf.zeros([2, 28, 28, 1])) as tf.Tensor).sum(1).arraySync()) as number[];
    expect(probabilities[0]).toBeCloseTo(1, 5);
    expect(probabilities[1]).toBeCloseTo(1, 5);
    result.model.dispose();
  });
});

describe('compileGraph agrees with analyzeGraph on random graphs of every layer type', () => {
  const size = (w: tf.LayerVariable) => w.shape.reduce((a: number, b) => a * (b ?? 1), 1);

  it('gives each layer the shape and the trainable and non-trainable counts analyzeGraph shows, and runs forward to that shape', () => {
    fc.assert(
      fc.property(arbitraryGraph(), (doc) => {
        const analysis = analyzeGraph(doc);
        const result = compileGraph(doc, { seed: 3 });
        if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '));
        const { model } = result;
        try {
          for (const node of doc.nodes) {
            const layer = model.getLayer(result.layerNameOf.get(node.id)!);
            const expected = analysis.nodes[node.id]!;
            expect({ node: node.id, shape: layer.outputShape }).toEqual({ node: node.id, shape: [null, ...expected.outputShape!] });
            expect({
              node: node.id,
              trainable: layer.trainableWeights.reduce((n, w) => n + size(w), 0),
              nonTrainable: layer.nonTrainableWeights.reduce((n, w) => n + size(w), 0),
            }).toEqual({ node: node.id, trainable: expected.paramCount!.trainable, nonTrainable: expected.paramCount!.nonTrainable });
          }
          expect(model.countParams()).toBe(analysis.totals!.total);
          const input = doc.nodes.find((n) => n.type === 'Input')!;
          const shape = tf.tidy(() => (model.predict(tf.ones([2, ...(input.params.shape as number[])])) as tf.Tensor).shape);
          expect(shape).toEqual([2, ...analysis.nodes[analysis.outputId!]!.outputShape!]);
        } finally {
          model.dispose();
        }
      }),
      // Shrinking a failure of a drawn graph can take long: the time limit reports the smallest counterexample found by then.
      { numRuns: 60, seed: Number(process.env.CNN_STUDIO_PROPERTY_SEED ?? 20261201), interruptAfterTimeLimit: 60_000, markInterruptAsFailure: true },
    );
  });
});

describe('compileGraph refuses what tfjs should never see', () => {
  it('returns analyzeGraph’s errors for an invalid graph', () => {
    const doc = chain(
      { type: 'Input', params: { shape: [28, 28, 1] } },
      { id: 'dense', type: 'Dense', params: { units: 10, activation: 'softmax', useBias: true } },
    );
    const result = compileGraph(doc);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual(analyzeGraph(doc).issues.filter((i) => i.severity === 'error'));
    expect(result.issues[0]).toMatchObject({ nodeId: 'dense', code: 'denseNeedsFlat' });
  });

  it('refuses an Input with nothing after it', () => {
    const result = compileGraph(chain({ type: 'Input', params: { shape: [28, 28, 1] } }));
    expect(result).toMatchObject({ ok: false, issues: [{ code: 'nothingToTrain' }] });
  });
});

describe('layer names map back to nodes', () => {
  it('uses the node id as the layer and weight name, and prefixes ids tfjs would reject', () => {
    const doc = chain(
      { id: 'input', type: 'Input', params: { shape: [8, 8, 1] } },
      { id: '_conv', type: 'Conv2D', params: { filters: 2, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu', useBias: true } },
      { id: 'flat', type: 'Flatten', params: {} },
      { id: 'out', type: 'Dense', params: { units: 3, activation: 'softmax', useBias: true } },
    );
    const result = compileGraph(doc);
    if (!result.ok) throw new Error('did not compile');
    const convName = result.layerNameOf.get('_conv')!;
    expect(convName).not.toBe('_conv');
    expect(result.nodeIdOf.get(convName)).toBe('_conv');
    expect(result.model.getLayer('out').weights[0]!.originalName).toBe('out/kernel');
    result.model.dispose();
  });

  it('gives the same initial weights for the same seed', () => {
    const doc = templateDocument('lenet5');
    const a = compileGraph(doc, { seed: 7 });
    const b = compileGraph(doc, { seed: 7 });
    const c = compileGraph(doc, { seed: 8 });
    if (!a.ok || !b.ok || !c.ok) throw new Error('did not compile');
    const first = (r: typeof a) => Array.from(r.model.getWeights()[0]!.dataSync().slice(0, 20));
    expect(first(a)).toEqual(first(b));
    expect(first(a)).not.toEqual(first(c));
    for (const r of [a, b, c]) r.model.dispose();
  });
});
