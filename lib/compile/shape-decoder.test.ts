// A decoder-style chain of the shape layers compiles, and tfjs agrees with
// analyzeGraph on every layer's shape and parameter count.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../graph';
import type { ArchitectureDocument, LayerNode } from '../schema';
import { compileGraph } from './index';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function chain(...layers: Array<Pick<LayerNode, 'type' | 'params'> & { id: string }>): ArchitectureDocument {
  const nodes = layers.map((l, i) => ({ id: l.id, type: l.type, params: l.params, position: { x: 0, y: i * 100 } }) as LayerNode);
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: n.id, targetHandle: 'in0' }));
  return { version: 1, name: 'decoder', nodes, edges };
}

const decoder = chain(
  { id: 'input', type: 'Input', params: { shape: [28, 28, 1] } },
  { id: 'down', type: 'Conv2D', params: { filters: 8, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', useBias: true } },
  { id: 'up', type: 'UpSampling2D', params: { size: 2, interpolation: 'nearest' } },
  { id: 'pad', type: 'ZeroPadding2D', params: { padding: [[1, 1], [1, 1]] } },
  { id: 'crop', type: 'Cropping2D', params: { cropping: [[1, 1], [1, 1]] } },
  { id: 'conv', type: 'Conv2D', params: { filters: 4, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu', useBias: true } },
  { id: 'flatten', type: 'Flatten', params: {} },
  { id: 'dense', type: 'Dense', params: { units: 10, activation: 'softmax', useBias: true } },
);

describe('the decoder chain Conv2D s2 → UpSampling2D → ZeroPadding2D → Cropping2D → Conv2D → Flatten → Dense', () => {
  it('has the shapes and counts Keras gives', () => {
    const a = analyzeGraph(decoder);
    expect(a.issues).toEqual([]);
    expect(Object.fromEntries(decoder.nodes.map((n) => [n.id, a.nodes[n.id]!.outputShape]))).toEqual({
      input: [28, 28, 1],
      down: [14, 14, 8],
      up: [28, 28, 8],
      pad: [30, 30, 8],
      crop: [28, 28, 8],
      conv: [28, 28, 4],
      flatten: [3136],
      dense: [10],
    });
    // Keras's model.summary() for this model (by hand from Keras's definitions):
    // down 3·3·1·8 + 8 = 80, conv 3·3·8·4 + 4 = 292, dense 3136·10 + 10 = 31,370;
    // UpSampling2D, ZeroPadding2D and Cropping2D 0; total 31,742.
    expect(a.totals).toEqual({ total: 31_742, trainable: 31_742, nonTrainable: 0 });
  });

  it('compiles, and every tfjs layer has the analysed shape and count', () => {
    const analysis = analyzeGraph(decoder);
    const result = compileGraph(decoder, { seed: 1 });
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '));
    try {
      expect(result.model.countParams()).toBe(31_742);
      for (const node of decoder.nodes) {
        const layer = result.model.getLayer(result.layerNameOf.get(node.id)!);
        expect({ node: node.id, shape: layer.outputShape }).toEqual({ node: node.id, shape: [null, ...analysis.nodes[node.id]!.outputShape!] });
        expect({ node: node.id, params: layer.countParams() }).toEqual({ node: node.id, params: analysis.nodes[node.id]!.paramCount!.total });
      }
      const sums = tf.tidy(() => (result.model.predict(tf.ones([2, 28, 28, 1])) as tf.Tensor).sum(1).arraySync()) as number[];
      sums.forEach((s) => expect(s).toBeCloseTo(1, 5));
    } finally {
      result.model.dispose();
    }
  });

  it('a Reshape with an inferred -1 in place of the Flatten compiles to the same model', () => {
    const withReshape: ArchitectureDocument = {
      ...decoder,
      nodes: decoder.nodes.map((n) => (n.id === 'flatten' ? ({ ...n, type: 'Reshape', params: { targetShape: [-1] } } as LayerNode) : n)),
    };
    expect(analyzeGraph(withReshape).nodes.flatten!.outputShape).toEqual([3136]);
    const result = compileGraph(withReshape);
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '));
    expect(result.model.countParams()).toBe(31_742);
    result.model.dispose();
  });
});
