import * as tf from '@tensorflow/tfjs';
import { buildTfjsLayer } from '../layers/tfjs';
import type { LayerNode } from '../schema';

type NonInputNode = Exclude<LayerNode, { type: 'Input' }>;

/** A stable 31-bit number per (seed, node id, slot), so adding a node leaves the others' initial weights alone. */
export function kernelSeed(seed: number, nodeId: string, slot = 'kernel'): number {
  let h = (seed ^ 0x9e3779b9) >>> 0;
  // 'kernel' keeps the seeds every earlier run was initialised with.
  const key = slot === 'kernel' ? nodeId : `${nodeId}/${slot}`;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193) >>> 0;
  return h & 0x7fffffff;
}

/**
 * One tfjs layer for one node, named `name` (derived from the node id) so that
 * errors, weights and feature maps map back to the node. `seed` makes the
 * initial weights (and augmentation draws) reproducible; null leaves them random.
 */
export function buildLayer(node: NonInputNode, name: string, seed: number | null): tf.layers.Layer {
  return buildTfjsLayer(node, {
    name,
    seed: seed === null ? null : kernelSeed(seed, node.id, 'draws'),
    initializer: (slot = 'kernel') => (seed === null ? undefined : tf.initializers.glorotUniform({ seed: kernelSeed(seed, node.id, slot) })),
  });
}
