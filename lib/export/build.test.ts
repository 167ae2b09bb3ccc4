import * as tf from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../compile';
import { templateDocument } from '../templates';
import { exportWeights } from '../train/worker/weights';
import { buildModelDownload } from './build';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

async function trainedPayload(id: 'course-cnn' | 'dense-baseline', seed: number) {
  const compiled = compileGraph(templateDocument(id), { seed });
  if (!compiled.ok) throw new Error('does not compile');
  try {
    return await exportWeights(compiled.model);
  } finally {
    compiled.model.dispose();
  }
}

describe('buildModelDownload', () => {
  it('writes the saved weights, not fresh ones, and leaks no tensors', async () => {
    const doc = templateDocument('dense-baseline');
    const payload = await trainedPayload('dense-baseline', 11);
    const before = tf.memory().numTensors;
    const a = await buildModelDownload('pytorch', doc, payload);
    const b = await buildModelDownload('pytorch', doc, payload);
    expect(tf.memory().numTensors).toBe(before);
    if (!a.ok || !b.ok) throw new Error('refused');
    expect(a.extension).toBe('zip');
    const npzOf = (bytes: Uint8Array) => Buffer.from(unzipSync(bytes)['weights.npz']!);
    // The same saved weights give the same bytes; initial weights differ on each build.
    expect(npzOf(a.bytes).equals(npzOf(b.bytes))).toBe(true);
    expect(Buffer.from(a.bytes).equals(Buffer.from(b.bytes))).toBe(true);
    const fresh = await buildModelDownload('pytorch', doc, null);
    if (!fresh.ok) throw new Error('refused');
    expect(npzOf(fresh.bytes).equals(npzOf(a.bytes))).toBe(false);
  });

  it('refuses weights saved for another architecture, naming the weight', async () => {
    const payload = await trainedPayload('dense-baseline', 3);
    const result = await buildModelDownload('onnx', templateDocument('course-cnn'), payload);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.refusal).toMatchObject({ kind: 'weights', message: expect.stringMatching(/conv|no /) });
  });
});
