// Builds one node's tfjs layer through its type's own tfjs.ts.
import type * as tf from '@tensorflow/tfjs';
import type { LayerNode } from '../schema';
import type { TfjsBuild, TfjsBuildContext } from './shared/tfjs';
import { tfjsRegistry } from './tfjs.generated';

export type { TfjsBuildContext };

type NonInputNode = Exclude<LayerNode, { type: 'Input' }>;

export function buildTfjsLayer(node: NonInputNode, context: TfjsBuildContext): tf.layers.Layer {
  const build = tfjsRegistry[node.type] as TfjsBuild<typeof node.params>;
  return build(node.params, context);
}
