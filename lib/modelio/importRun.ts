// An imported model's trained weights become a run of the architecture,
// stored the way a trained run stores them (the runs API, weights through
// runWeightsIOHandler), so it can be evaluated, predicted with, shown in
// Learn's "What the network perceives" and trained further. It records the
// dataset the user says the weights belong to (Open in Train finds it by its
// hash). If any step fails, the run is deleted again: nothing half-stored.
import type { ApiResult } from '../api/client';
import type { CreateRunBody, DatasetRef, RunPatch, RunSummary, RunWeights } from '../schema/run';
import type { ArchitectureDocument } from '../schema';
import { defaultHyperparameters } from '../train/page/hyperparameters';
import { runWeightsIOHandler } from '../train/page/runWeightsIO';
import type { WeightsPayload } from '../train/worker/weights';

/** The name an imported run carries. */
export const IMPORTED_RUN_NAME = 'Imported weights';

export interface ImportRunApi {
  createRun(architectureId: string, body: CreateRunBody): Promise<ApiResult<{ id: string }>>;
  updateRun(runId: string, patch: RunPatch): Promise<ApiResult<RunSummary>>;
  deleteRun(runId: string): Promise<ApiResult<unknown>>;
  saveRunWeights(runId: string, weights: RunWeights): Promise<ApiResult<unknown>>;
  loadRunWeights(runId: string): Promise<ApiResult<RunWeights>>;
}

export async function saveImportedRun(
  api: ImportRunApi,
  architectureId: string,
  document: ArchitectureDocument,
  weights: WeightsPayload,
  dataset: DatasetRef,
): Promise<{ ok: true; runId: string } | { ok: false; error: string }> {
  const created = await api.createRun(architectureId, {
    name: IMPORTED_RUN_NAME,
    document,
    dataset,
    // Nothing was trained here: the settings a further training would start from.
    hyperparameters: { ...defaultHyperparameters, epochs: 1 },
    backend: 'cpu',
  });
  if (!created.ok) return { ok: false, error: created.error };
  const runId = created.data.id;
  try {
    await runWeightsIOHandler(runId, api).save!({ weightSpecs: weights.weightSpecs, weightData: weights.weightData });
    const finished = await api.updateRun(runId, { status: 'completed' });
    if (!finished.ok) throw new Error(finished.error);
    return { ok: true, runId };
  } catch (e) {
    await api.deleteRun(runId);
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
