// A download in ONNX or PyTorch form, from a document and its trained weights
// (or, without them, the untrained model with its initial weights). The only
// tfjs part of the exporters: it compiles the document, puts the weights in
// and reads them out as plain arrays for lib/export/onnx.ts and pytorch.ts.
import * as tf from '@tensorflow/tfjs';
import { compileGraph } from '../compile';
import type { ArchitectureDocument } from '../schema';
import { importWeights, type WeightsPayload } from '../train/worker/weights';
import type { ExportFormat, ExportRefusal } from './model';
import { exportOnnx } from './onnx';
import { exportPytorch } from './pytorch';
import { layerWeightsOf } from './weights';

export type ModelDownload =
  | { ok: true; bytes: Uint8Array; type: string; extension: string }
  | { ok: false; refusal: ExportRefusal }
  /** The saved weights do not fit the document (English, naming the weight). */
  | { ok: false; refusal: { kind: 'weights'; message: string } };

export async function buildModelDownload(format: ExportFormat, document: ArchitectureDocument, weights: WeightsPayload | null): Promise<ModelDownload> {
  await tf.ready();
  const compiled = compileGraph(document);
  if (!compiled.ok) return { ok: false, refusal: { kind: 'invalid', issues: compiled.issues } };
  try {
    if (weights) {
      const loaded = importWeights(compiled.model, weights);
      if (!loaded.ok) return { ok: false, refusal: { kind: 'weights', message: loaded.error } };
    }
    const layerWeights = layerWeightsOf(compiled.model, compiled.nodeIdOf);
    if (format === 'onnx') {
      const exported = exportOnnx(document, layerWeights);
      return exported.ok ? { ok: true, bytes: exported.bytes, type: 'application/octet-stream', extension: 'onnx' } : exported;
    }
    const exported = exportPytorch(document, layerWeights);
    return exported.ok ? { ok: true, bytes: exported.zip, type: 'application/zip', extension: 'zip' } : exported;
  } finally {
    compiled.model.dispose();
  }
}
