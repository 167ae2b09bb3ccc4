import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../../compile';
import { analyzeGraph } from '../../graph';
import { exportKeras } from '../../keras/export';
import type { ArchitectureDocument } from '../../schema';
import { Multiply } from '.';
import { build } from './tfjs';

/** Input → two Conv2D branches → Multiply → Flatten → Dense(10, softmax). */
function gated(filtersB: number): ArchitectureDocument {
  const at = { x: 0, y: 0 };
  const conv = (id: string, filters: number) => ({
    id,
    type: 'Conv2D' as const,
    params: { filters, kernelSize: 3, strides: 1, padding: 'same' as const, activation: 'relu' as const, useBias: true },
    position: at,
  });
  return {
    version: 1,
    name: 'gated',
    nodes: [
      { id: 'input', type: 'Input', params: { shape: [8, 8, 1] }, position: at },
      conv('a', 8),
      conv('b', filtersB),
      { id: 'mul1', type: 'Multiply', params: {}, position: at },
      { id: 'flatten', type: 'Flatten', params: {}, position: at },
      { id: 'out', type: 'Dense', params: { units: 10, activation: 'softmax', useBias: true }, position: at },
    ],
    edges: [
      { id: 'e1', source: 'input', target: 'a', targetHandle: 'in0' },
      { id: 'e2', source: 'input', target: 'b', targetHandle: 'in0' },
      { id: 'e3', source: 'a', target: 'mul1', targetHandle: 'in0' },
      { id: 'e4', source: 'b', target: 'mul1', targetHandle: 'in1' },
      { id: 'e5', source: 'mul1', target: 'flatten', targetHandle: 'in0' },
      { id: 'e6', source: 'flatten', target: 'out', targetHandle: 'in0' },
    ],
  } as ArchitectureDocument;
}

describe('Multiply', () => {
  it('gives the one shape of 2 or more equal inputs, with no parameters', () => {
    expect(Multiply.outputShape([[4, 4, 8], [4, 4, 8]], {})).toEqual({ ok: true, shape: [4, 4, 8] });
    expect(Multiply.outputShape([[4, 4, 8], [4, 4, 8], [4, 4, 8]], {})).toEqual({ ok: true, shape: [4, 4, 8] });
    expect(Multiply.paramCount([[4, 4, 8], [4, 4, 8]], {})).toEqual({ trainable: 0, nonTrainable: 0 });
    expect(Multiply.inputs).toEqual({ min: 2, max: Number.POSITIVE_INFINITY });
  });

  it('names every input shape when they differ', () => {
    const result = Multiply.outputShape([[4, 4, 8], [4, 4, 16]], {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problem.code).toBe('mergeShapesDiffer');
    expect(result.problem.values).toEqual({ layer: 'Multiply', shapes: '[4, 4, 8] + [4, 4, 16]' });
    expect(result.problem.message).toMatch(/^Multiply needs inputs of one shape but gets \[4, 4, 8\] \+ \[4, 4, 16\]/);
  });

  it('multiplies element by element in tfjs', () => {
    const layer = build({}, { name: 'mul_numeric', initializer: () => undefined, seed: null });
    const out = tf.tidy(() => Array.from((layer.apply([tf.tensor2d([[1, 2]]), tf.tensor2d([[3, -4]])]) as tf.Tensor).dataSync()));
    expect(out).toEqual([3, -8]);
  });

  it('in a graph: the analysis shows the shape, compiles to the same, and Keras code passes the branches as a list', () => {
    const doc = gated(8);
    const analysis = analyzeGraph(doc);
    expect(analysis.nodes.mul1!.outputShape).toEqual([8, 8, 8]);
    expect(analysis.issues.filter((i) => i.severity === 'error')).toEqual([]);
    const compiled = compileGraph(doc, { seed: 1 });
    expect(compiled.ok).toBe(true);
    if (compiled.ok) {
      expect(compiled.model.getLayer('mul1').outputShape).toEqual([null, 8, 8, 8]);
      compiled.model.dispose();
    }
    const keras = exportKeras(doc);
    expect(keras.ok && keras.code).toContain("mul1 = layers.Multiply(name='mul1')([a, b])");
  });

  it('in a graph with unequal branches: the error sits on the Multiply node and names both shapes', () => {
    const analysis = analyzeGraph(gated(16));
    const issues = analysis.nodes.mul1!.issues;
    expect(issues.map((i) => [i.severity, i.code])).toEqual([['error', 'mergeShapesDiffer']]);
    expect(issues[0]!.message).toContain('[8, 8, 8] + [8, 8, 16]');
  });
});
