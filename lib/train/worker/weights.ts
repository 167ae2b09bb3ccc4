import * as tf from '@tensorflow/tfjs';

/** Trained weights, serialised: tfjs's weight manifest entries plus their bytes, end to end. */
export interface WeightsPayload {
  weightSpecs: tf.io.WeightsManifestEntry[];
  weightData: ArrayBuffer;
}

/**
 * Every weight of the model (trainable and BatchNormalization's moving
 * statistics), named as in Keras: "<node id>/kernel". The optimizer's state is
 * not included, so training continued from saved weights starts a fresh optimizer.
 */
export async function exportWeights(model: tf.LayersModel): Promise<WeightsPayload> {
  const named = model.weights.map((w) => ({ name: w.originalName, tensor: w.read() }));
  const { data, specs } = await tf.io.encodeWeights(named);
  const weightData = Array.isArray(data) ? tf.io.concatenateArrayBuffers(data) : data;
  return { weightSpecs: specs, weightData };
}

/** Puts saved weights into a freshly compiled model of the same architecture; a mismatch names the weight. */
export function importWeights(model: tf.LayersModel, payload: WeightsPayload): { ok: true } | { ok: false; error: string } {
  let decoded: tf.NamedTensorMap;
  try {
    decoded = tf.io.decodeWeights(payload.weightData, payload.weightSpecs);
  } catch (e) {
    return { ok: false, error: `the saved weights could not be read: ${e instanceof Error ? e.message : String(e)}` };
  }
  try {
    const values: tf.Tensor[] = [];
    for (const w of model.weights) {
      const saved = decoded[w.originalName];
      if (!saved) return { ok: false, error: `the saved weights have no ${w.originalName}: they belong to another architecture` };
      if (saved.shape.length !== w.shape.length || saved.shape.some((d, i) => d !== w.shape[i])) {
        return { ok: false, error: `${w.originalName} is saved as [${saved.shape.join(', ')}] but the model expects [${w.shape.join(', ')}]` };
      }
      values.push(saved);
    }
    model.setWeights(values);
    return { ok: true };
  } finally {
    tf.dispose(Object.values(decoded));
  }
}
