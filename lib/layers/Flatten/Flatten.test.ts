import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../graph';
import { compileGraph } from '../../compile';
import type { ArchitectureDocument } from '../../schema';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Found by the random-graph property test (lib/compile/compile.test.ts):
// Keras's Flatten passes a flat [batch, n] through unchanged, and so does
// analyzeGraph, but tfjs's own Flatten refused it at build time.
describe('Flatten of an input that is already flat', () => {
  const doc: ArchitectureDocument = {
    version: 1,
    name: 'flat',
    nodes: [
      { id: 'input', type: 'Input', params: { shape: [6] }, position: { x: 0, y: 0 } },
      { id: 'flat', type: 'Flatten', params: {}, position: { x: 0, y: 100 } },
      { id: 'out', type: 'Dense', params: { units: 3, activation: 'softmax', useBias: true }, position: { x: 0, y: 200 } },
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'flat', targetHandle: 'in0' },
      { id: 'e2', source: 'flat', target: 'out', targetHandle: 'in0' },
    ],
  };

  it('compiles, keeps the shape [n] as analyzeGraph says, and runs forward', () => {
    expect(analyzeGraph(doc).nodes.flat!.outputShape).toEqual([6]);
    const result = compileGraph(doc);
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '));
    expect(result.model.getLayer('flat').outputShape).toEqual([null, 6]);
    const out = tf.tidy(() => (result.model.predict(tf.ones([2, 6])) as tf.Tensor).shape);
    expect(out).toEqual([2, 3]);
    result.model.dispose();
  });
});
