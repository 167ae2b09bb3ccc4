import * as tf from '@tensorflow/tfjs';
import { activations, type ActivationName } from '../graph/layers/params';
import { poolStrides } from '../graph/layers/pooling-shared';
import type { LayerNode } from '../schema';
import { assertNever } from './assertNever';

type TfActivation = NonNullable<Parameters<typeof tf.layers.activation>[0]>['activation'];

/** The schema already checked the name; this only narrows its type (every name we allow exists in tfjs). */
function tfActivation(name: string): TfActivation {
  if (!(activations as readonly string[]).includes(name)) throw new Error(`unknown activation ${JSON.stringify(name)}`);
  return name as ActivationName;
}

type NonInputNode = Exclude<LayerNode, { type: 'Input' }>;

/**
 * One tfjs layer for one node, named `name` (derived from the node id) so that
 * errors, weights and feature maps map back to the node. `kernelSeed` makes
 * the initial weights reproducible; null leaves them random.
 */
export function buildLayer(node: NonInputNode, name: string, kernelSeed: number | null): tf.layers.Layer {
  const kernelInitializer = kernelSeed === null ? undefined : tf.initializers.glorotUniform({ seed: kernelSeed });
  switch (node.type) {
    case 'Conv2D': {
      const p = node.params;
      return tf.layers.conv2d({
        name,
        filters: p.filters,
        kernelSize: p.kernelSize,
        strides: p.strides,
        padding: p.padding,
        activation: tfActivation(p.activation),
        useBias: p.useBias,
        ...(kernelInitializer ? { kernelInitializer } : {}),
      });
    }
    case 'MaxPooling2D':
      return tf.layers.maxPooling2d({
        name,
        poolSize: node.params.poolSize,
        strides: [...poolStrides(node.params)],
        padding: node.params.padding,
      });
    case 'AveragePooling2D':
      return tf.layers.averagePooling2d({
        name,
        poolSize: node.params.poolSize,
        strides: [...poolStrides(node.params)],
        padding: node.params.padding,
      });
    case 'GlobalAveragePooling2D':
      return tf.layers.globalAveragePooling2d({ name });
    case 'Dropout':
      // No seed: a seeded tfjs dropout draws the same mask on every batch.
      return tf.layers.dropout({ name, rate: node.params.rate });
    case 'BatchNormalization':
      return tf.layers.batchNormalization({ name, momentum: node.params.momentum, epsilon: node.params.epsilon });
    case 'Flatten':
      return tf.layers.flatten({ name });
    case 'Dense': {
      const p = node.params;
      return tf.layers.dense({
        name,
        units: p.units,
        activation: tfActivation(p.activation),
        useBias: p.useBias,
        ...(kernelInitializer ? { kernelInitializer } : {}),
      });
    }
    case 'Activation':
      return tf.layers.activation({ name, activation: tfActivation(node.params.activation) });
    case 'Add':
      return tf.layers.add({ name });
    case 'Concatenate':
      return tf.layers.concatenate({ name, axis: node.params.axis });
    default:
      return assertNever(node, 'layer type');
  }
}
