import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGraph } from '../../graph';
import { compileGraph } from '../../compile';
import type { ArchitectureDocument } from '../../schema';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// Found by the random-graph property test (lib/compile/compile.test.ts):
// tfjs's Concatenate inferred [6, 2, 2] for axis -3 of two [3, 2, 2] inputs
// but joined them along the channels at run time, so the next layer failed.
describe('Concatenate along a negative axis other than -1', () => {
  const doc = (axis: number): ArchitectureDocument => ({
    version: 1,
    name: 'concat',
    nodes: [
      { id: 'input', type: 'Input', params: { shape: [3, 2, 2] }, position: { x: 0, y: 0 } },
      { id: 'act', type: 'Activation', params: { activation: 'relu' }, position: { x: 0, y: 100 } },
      { id: 'concat', type: 'Concatenate', params: { axis }, position: { x: 0, y: 200 } },
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'act', targetHandle: 'in0' },
      { id: 'e2', source: 'input', target: 'concat', targetHandle: 'in0' },
      { id: 'e3', source: 'act', target: 'concat', targetHandle: 'in1' },
    ],
  });

  it.each([
    [-3, [6, 2, 2]],
    [-2, [3, 4, 2]],
    [-1, [3, 2, 4]],
    [1, [6, 2, 2]],
  ])('axis %i joins along the axis analyzeGraph names, at run time too', (axis, shape) => {
    expect(analyzeGraph(doc(axis)).nodes.concat!.outputShape).toEqual(shape);
    const result = compileGraph(doc(axis));
    if (!result.ok) throw new Error(result.issues.map((i) => i.message).join('; '));
    const x = tf.tensor(Array.from({ length: 12 }, (_, i) => i - 5), [1, 3, 2, 2]);
    const out = result.model.predict(x) as tf.Tensor;
    expect(out.shape).toEqual([1, ...shape]);
    const expected = tf.concat([x, tf.relu(x)], axis);
    expect(out.arraySync()).toEqual(expected.arraySync());
    tf.dispose([x, out, expected]);
    result.model.dispose();
  });
});
