// For the Learn pages: a saved run as a live tf.LayersModel on the page
// (compiled from the run's own document snapshot, with its saved weights),
// to show learned kernels and feature maps. Layer names are the node ids.
import type * as tf from '@tensorflow/tfjs';
import { getRun, loadRunWeights, saveRunWeights } from '../../api/client';
import { compileGraph } from '../../compile';
import type { ArchitectureDocument } from '../../schema';
import { runWeightsIOHandler } from './runWeightsIO';
import { importWeights, type WeightsPayload } from '../worker/weights';

export type LoadedRunModel = { ok: true; model: tf.LayersModel; document: ArchitectureDocument } | { ok: false; error: string };

/** The caller owns the model and disposes it. */
export async function loadRunModel(runId: string): Promise<LoadedRunModel> {
  const handler = runWeightsIOHandler(runId, { saveRunWeights, loadRunWeights });
  const [run, artifacts] = await Promise.all([getRun(runId), handler.load!().catch((e: unknown) => e as Error)]);
  if (!run.ok) return { ok: false, error: run.error };
  if (artifacts instanceof Error) return { ok: false, error: artifacts.message };
  const compiled = compileGraph(run.data.document);
  if (!compiled.ok) return { ok: false, error: compiled.issues.map((i) => i.message).join('\n') };
  const payload: WeightsPayload = { weightSpecs: artifacts.weightSpecs!, weightData: artifacts.weightData as ArrayBuffer };
  const loaded = importWeights(compiled.model, payload);
  if (!loaded.ok) {
    compiled.model.dispose();
    return { ok: false, error: loaded.error };
  }
  return { ok: true, model: compiled.model, document: run.data.document };
}
