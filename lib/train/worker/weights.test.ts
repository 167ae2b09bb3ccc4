import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../../compile';
import { templateDocument } from '../../templates';
import { exportWeights, importWeights } from './weights';
import { tinyCnn } from '../testing';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function compiled(doc = tinyCnn(), seed?: number) {
  const r = compileGraph(doc, seed === undefined ? {} : { seed });
  if (!r.ok) throw new Error('did not compile');
  return r.model;
}

describe('weights round trip', () => {
  it('a fresh model given the saved weights predicts exactly as the original', async () => {
    const a = compiled(tinyCnn(), 1);
    const b = compiled(tinyCnn(), 2);
    const x = tf.randomUniform([3, 8, 8, 1]);
    const before = (b.predict(x) as tf.Tensor).arraySync();
    const payload = await exportWeights(a);
    expect(payload.weightSpecs.map((s) => s.name)).toContain('conv/kernel');
    expect(importWeights(b, payload)).toEqual({ ok: true });
    expect((b.predict(x) as tf.Tensor).arraySync()).toEqual((a.predict(x) as tf.Tensor).arraySync());
    expect((b.predict(x) as tf.Tensor).arraySync()).not.toEqual(before);
    a.dispose();
    b.dispose();
  });

  it('refuses weights of another architecture, naming the weight', async () => {
    const a = compiled(tinyCnn());
    const other = compiled(templateDocument('lenet5'));
    const result = importWeights(other, await exportWeights(a));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toMatch(/\//);
    a.dispose();
    other.dispose();
  });
});
