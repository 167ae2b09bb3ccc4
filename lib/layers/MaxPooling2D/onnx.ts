import { toPair } from '../../graph/shape';
import { tfPads } from '../shared/export';
import { defineOnnx } from '../shared/onnx';
import { poolStrides, type PoolingParams } from '../shared/pooling';

export const onnx = defineOnnx<PoolingParams>((p, context) => {
  // ONNX's MaxPool never picks a padded cell, like TensorFlow's 'same'.
  const pads = tfPads(context.inputShapes[0]!, p.poolSize, poolStrides(p), p.padding);
  context.node('MaxPool', [context.inputs[0]!], { kernel_shape: { ints: toPair(p.poolSize) }, strides: { ints: poolStrides(p) }, pads: { ints: pads } }, context.output);
});
