import { toPair } from '../../graph/shape';
import { tfPads } from '../shared/export';
import { poolStrides, type PoolingParams } from '../shared/pooling';
import { definePytorch } from '../shared/pytorch';
import { pyTuple } from '../shared/python';

export const pytorch = definePytorch<PoolingParams>({
  forward(p, { inputs, inputShapes }) {
    const pads = tfPads(inputShapes[0]!, p.poolSize, poolStrides(p), p.padding);
    // TensorFlow's 'same' never picks a padded cell: pad with -inf.
    const x = pads.some((n) => n > 0) ? `_pad(${inputs[0]}, ${pyTuple(pads)}, float('-inf'))` : inputs[0]!;
    return `F.max_pool2d(${x}, ${pyTuple(toPair(p.poolSize))}, ${pyTuple(poolStrides(p))})`;
  },
});
