// The tfjs side of model files: the TF.js Layers export (a zip of exactly what
// tfjs's model.save() writes: model.json + model.weights.bin, loadable with
// tf.loadLayersModel and no CNN Studio code), and an imported model's weights
// put into the document's own compiled model.
import * as tf from '@tensorflow/tfjs';
import { strToU8, zipSync } from 'fflate';
import { compileGraph } from '../compile';
import type { GraphIssue } from '../graph';
import type { ArchitectureDocument } from '../schema';
import { exportWeights, importWeights, type WeightsPayload } from '../train/worker/weights';
import { inferenceDocument } from './inference';
import { problem, type ImportProblem } from './problems';

/** What tf.io.browserDownloads names the weights file; model.json points at it. */
export const WEIGHTS_FILE = 'model.weights.bin';

/** Why the export was refused: the graph's errors, or saved weights that do not fit it (English, naming the weight). */
export type TfjsExportRefusal = { kind: 'invalid'; issues: GraphIssue[] } | { kind: 'weights'; message: string } | { kind: 'error'; message: string };

export type TfjsExport = { ok: true; zip: Uint8Array; modelJson: string; weightData: ArrayBuffer } | { ok: false; error: string; refusal: TfjsExportRefusal };

/**
 * The document's inference model (training-only layers left out) as a TF.js
 * Layers zip. `weights` are a run's trained weights (named by node id); null
 * exports the untrained model with fresh initial weights.
 */
export async function exportTfjsModel(doc: ArchitectureDocument, weights: WeightsPayload | null): Promise<TfjsExport> {
  const compiled = compileGraph(inferenceDocument(doc));
  if (!compiled.ok) return { ok: false, error: compiled.issues.map((i) => i.message).join('\n'), refusal: { kind: 'invalid', issues: compiled.issues } };
  const { model } = compiled;
  try {
    if (weights) {
      const loaded = importWeights(model, weights);
      if (!loaded.ok) return { ok: false, error: loaded.error, refusal: { kind: 'weights', message: loaded.error } };
    }
    let artifacts: tf.io.ModelArtifacts | null = null;
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        artifacts = a;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const saved = artifacts as tf.io.ModelArtifacts | null;
    if (!saved?.weightSpecs || saved.weightData === undefined) return { ok: false, error: 'tfjs saved no weights', refusal: { kind: 'error', message: 'tfjs saved no weights' } };
    const weightData = Array.isArray(saved.weightData) ? tf.io.concatenateArrayBuffers(saved.weightData) : saved.weightData;
    // The same model.json tf.io.browserDownloads writes.
    const modelJson = JSON.stringify({
      modelTopology: saved.modelTopology,
      format: saved.format,
      generatedBy: saved.generatedBy,
      convertedBy: saved.convertedBy ?? null,
      weightsManifest: [{ paths: [`./${WEIGHTS_FILE}`], weights: saved.weightSpecs }],
    });
    const zip = zipSync({ 'model.json': strToU8(modelJson), [WEIGHTS_FILE]: new Uint8Array(weightData) });
    return { ok: true, zip, modelJson, weightData };
  } finally {
    model.dispose();
  }
}

/**
 * Puts an imported model's weights (named by the file's layer names) into the
 * document's own compiled model and returns them named the way a run stores
 * them (`<node id>/kernel`). Every weight the model needs must be there with
 * its shape; otherwise the problems name each layer and weight.
 */
export function adoptImportedWeights(
  doc: ArchitectureDocument,
  nodeIdOf: ReadonlyMap<string, string>,
  weights: { specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer },
): Promise<{ ok: true; payload: WeightsPayload } | { ok: false; problems: ImportProblem[] }> {
  return (async () => {
    const compiled = compileGraph(doc);
    if (!compiled.ok) return { ok: false as const, problems: compiled.issues.map((i) => problem('badDocument', { file: doc.name, path: i.nodeId ?? '(model)', detail: i.message }, i.message)) };
    const { model, layerNameOf } = compiled;
    let decoded: tf.NamedTensorMap = {};
    try {
      try {
        decoded = tf.io.decodeWeights(weights.data, weights.specs);
      } catch (e) {
        return { ok: false as const, problems: [problem('weightShape', { layer: '(weights)', weight: '', detail: e instanceof Error ? e.message : String(e) }, `the weights could not be read: ${String(e)}`)] };
      }
      const kerasNameOf = new Map([...nodeIdOf].map(([name, id]) => [id, name]));
      const layerIdOf = new Map([...layerNameOf].map(([id, layerName]) => [layerName, id]));
      const problems: ImportProblem[] = [];
      const named: { name: string; tensor: tf.Tensor }[] = [];
      for (const w of model.weights) {
        const [layerName, ...rest] = w.originalName.split('/');
        const id = layerIdOf.get(layerName ?? '') ?? layerName ?? '';
        const kerasName = kerasNameOf.get(id) ?? id;
        const suffix = `${kerasName}/${rest.join('/')}`;
        const key = [suffix, `${suffix}:0`].find((k) => k in decoded) ?? Object.keys(decoded).find((k) => k.endsWith(`/${suffix}`) || k.endsWith(`/${suffix}:0`));
        const value = key ? decoded[key] : undefined;
        if (!value) {
          problems.push(problem('weightsMissing', { layer: kerasName, weight: rest.join('/') }, `the weights have no ${suffix} for layer "${kerasName}"`));
          continue;
        }
        if (value.shape.length !== w.shape.length || value.shape.some((d, i) => d !== w.shape[i])) {
          problems.push(
            problem('weightShape', { layer: kerasName, weight: rest.join('/'), detail: `[${value.shape.join(', ')}] ≠ [${w.shape.join(', ')}]` }, `${suffix} is [${value.shape.join(', ')}] but the layer needs [${w.shape.join(', ')}]`),
          );
          continue;
        }
        named.push({ name: w.originalName, tensor: value });
      }
      if (problems.length > 0) return { ok: false as const, problems };
      model.setWeights(named.map((n) => n.tensor));
      return { ok: true as const, payload: await exportWeights(model) };
    } finally {
      tf.dispose(Object.values(decoded));
      model.dispose();
    }
  })();
}
