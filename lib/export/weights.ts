// A tf.LayersModel's weights as plain arrays per node, for the exporters
// (lib/export/onnx.ts, pytorch.ts), which never touch tfjs.
import type * as tf from '@tensorflow/tfjs';
import type { LayerWeights, LayerWeight } from './model';

/** Every weight of every layer (BatchNormalization's moving statistics included), keyed by node id then tfjs slot. */
export function layerWeightsOf(model: tf.LayersModel, nodeIdOf: ReadonlyMap<string, string>): LayerWeights {
  const weights = new Map<string, Record<string, LayerWeight>>();
  for (const layer of model.layers) {
    const nodeId = nodeIdOf.get(layer.name);
    if (nodeId === undefined || layer.weights.length === 0) continue;
    const slots: Record<string, LayerWeight> = {};
    for (const w of layer.weights) {
      // "conv1/kernel" -> "kernel" (a layer name may hold '/', a slot never does).
      const slot = w.originalName.slice(w.originalName.lastIndexOf('/') + 1);
      slots[slot] = { shape: [...w.shape] as number[], values: w.read().dataSync() as Float32Array };
    }
    weights.set(nodeId, slots);
  }
  return weights;
}
