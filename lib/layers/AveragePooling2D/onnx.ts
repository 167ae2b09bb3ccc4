import { toPair } from '../../graph/shape';
import { tfPads } from '../shared/export';
import { defineOnnx } from '../shared/onnx';
import { poolStrides, type PoolingParams } from '../shared/pooling';

export const onnx = defineOnnx<PoolingParams>((p, context) => {
  // count_include_pad 0: TensorFlow's 'same' averages only the cells inside the image.
  const pads = tfPads(context.inputShapes[0]!, p.poolSize, poolStrides(p), p.padding);
  context.node(
    'AveragePool',
    [context.inputs[0]!],
    { kernel_shape: { ints: toPair(p.poolSize) }, strides: { ints: poolStrides(p) }, pads: { ints: pads }, count_include_pad: { int: 0 } },
    context.output,
  );
});
