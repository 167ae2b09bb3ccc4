// A tfjs IOHandler whose storage is a run on the runs API: `model.save(handler)`
// stores the model's weights with the run (PUT /api/runs/:id/weights, at most
// MAX_WEIGHTS_BYTES), and `handler.load()` gives them back as ModelArtifacts.
// Only weights travel: the architecture is the run's own document snapshot,
// compiled again by lib/compile (layer names are node ids), so artifacts carry
// no modelTopology and are put into a model with importWeights.
import type * as tf from '@tensorflow/tfjs';
import type { ApiResult } from '../../api/client';
import { MAX_WEIGHTS_BYTES, type RunWeights } from '../../schema/run';

export interface RunWeightsApi {
  saveRunWeights(runId: string, weights: RunWeights): Promise<ApiResult<unknown>>;
  loadRunWeights(runId: string): Promise<ApiResult<RunWeights>>;
}

/** Why a save or load failed, with the HTTP status (404: the run has no weights; 413: too large). */
export class RunWeightsError extends Error {
  override readonly name = 'RunWeightsError';
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

function joined(data: tf.io.ModelArtifacts['weightData']): ArrayBuffer | null {
  if (data === undefined) return null;
  if (!Array.isArray(data)) return data;
  const total = data.reduce((n, b) => n + b.byteLength, 0);
  const out = new Uint8Array(total);
  let offset = 0;
  for (const b of data) {
    out.set(new Uint8Array(b), offset);
    offset += b.byteLength;
  }
  return out.buffer;
}

export function runWeightsIOHandler(runId: string, api: RunWeightsApi): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      const weightData = joined(artifacts.weightData);
      if (!artifacts.weightSpecs || !weightData) throw new RunWeightsError('There are no weights to save', 400);
      if (weightData.byteLength > MAX_WEIGHTS_BYTES) {
        throw new RunWeightsError(`The weights are ${Math.round(weightData.byteLength / 1024)} KB, over the ${MAX_WEIGHTS_BYTES / (1024 * 1024)} MiB a run may keep`, 413);
      }
      // tfjs's entry type admits dtypes (e.g. int64 quantization) that a trained model never has.
      const result = await api.saveRunWeights(runId, { weightSpecs: artifacts.weightSpecs as RunWeights['weightSpecs'], weightData });
      if (!result.ok) throw new RunWeightsError(result.error, result.status);
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON', weightDataBytes: weightData.byteLength } };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      const result = await api.loadRunWeights(runId);
      if (!result.ok) throw new RunWeightsError(result.status === 404 ? 'This run has no saved weights' : result.error, result.status);
      return { weightSpecs: result.data.weightSpecs as tf.io.WeightsManifestEntry[], weightData: result.data.weightData };
    },
  };
}
