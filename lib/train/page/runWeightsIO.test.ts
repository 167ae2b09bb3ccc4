import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiResult } from '../../api/client';
import { MAX_WEIGHTS_BYTES, type RunWeights } from '../../schema/run';
import { compileGraph } from '../../compile';
import { RunWeightsError, runWeightsIOHandler, type RunWeightsApi } from './runWeightsIO';
import { tinyCnn } from '../testing';
import { importWeights } from '../worker/weights';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** The runs API's weights endpoints, in memory. */
function memoryApi(): RunWeightsApi & { stored: Map<string, RunWeights> } {
  const stored = new Map<string, RunWeights>();
  return {
    stored,
    saveRunWeights: async (runId, weights): Promise<ApiResult<unknown>> => {
      stored.set(runId, { weightSpecs: structuredClone(weights.weightSpecs), weightData: weights.weightData.slice(0) });
      return { ok: true, data: null };
    },
    loadRunWeights: async (runId): Promise<ApiResult<RunWeights>> => {
      const w = stored.get(runId);
      return w ? { ok: true, data: w } : { ok: false, status: 404, error: 'Not found' };
    },
  };
}

const model = (seed: number) => {
  const compiled = compileGraph(tinyCnn(4), { seed });
  if (!compiled.ok) throw new Error('tiny model does not compile');
  return compiled.model;
};

describe('runWeightsIOHandler (a tfjs IOHandler over the runs API)', () => {
  it('model.save(handler) stores every weight with the run; load() puts them into a fresh model that predicts the same', async () => {
    const api = memoryApi();
    const trained = model(1);
    const result = await trained.save(runWeightsIOHandler('run1', api));
    expect(result.modelArtifactsInfo.weightDataBytes).toBeGreaterThan(0);
    // Keras names, BatchNormalization's moving statistics included.
    expect(api.stored.get('run1')!.weightSpecs.map((s) => s.name)).toEqual(expect.arrayContaining(['conv/kernel', 'bn/moving_mean', 'out/bias']));

    const fresh = model(2);
    const x = tf.randomUniform([3, 8, 8, 1], 0, 1, 'float32', 5);
    const before = await (fresh.predict(x) as tf.Tensor).array();
    const artifacts = await runWeightsIOHandler('run1', api).load!();
    expect(importWeights(fresh, { weightSpecs: artifacts.weightSpecs!, weightData: artifacts.weightData as ArrayBuffer })).toEqual({ ok: true });
    const expected = await (trained.predict(x) as tf.Tensor).array();
    const after = await (fresh.predict(x) as tf.Tensor).array();
    expect(after).toEqual(expected);
    expect(after).not.toEqual(before);
    tf.dispose([x]);
    trained.dispose();
    fresh.dispose();
  });

  it('says a run without weights has none (404), and refuses weights over the limit before sending them (413)', async () => {
    const api = memoryApi();
    await expect(runWeightsIOHandler('nothing', api).load!()).rejects.toMatchObject({ name: 'RunWeightsError', status: 404, message: 'This run has no saved weights' });
    const huge = { weightSpecs: [{ name: 'w', shape: [MAX_WEIGHTS_BYTES / 4 + 1], dtype: 'float32' as const }], weightData: new ArrayBuffer(MAX_WEIGHTS_BYTES + 4) };
    const error = await runWeightsIOHandler('big', api).save!(huge).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RunWeightsError);
    expect(error).toMatchObject({ status: 413, message: expect.stringMatching(/over the 64 MiB a run may keep/) });
    expect(api.stored.has('big')).toBe(false);
  });

  it('passes the API’s refusal on as the error', async () => {
    const api: RunWeightsApi = {
      saveRunWeights: async () => ({ ok: false, status: 403, error: 'This run belongs to another browser' }),
      loadRunWeights: async () => ({ ok: false, status: 403, error: 'This run belongs to another browser' }),
    };
    const m = model(1);
    await expect(m.save(runWeightsIOHandler('r', api))).rejects.toMatchObject({ status: 403, message: 'This run belongs to another browser' });
    await expect(runWeightsIOHandler('r', api).load!()).rejects.toMatchObject({ status: 403 });
    m.dispose();
  });
});
