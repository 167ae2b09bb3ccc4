import { toPair } from '../../graph/shape';
import { tfPads } from '../shared/export';
import { poolStrides, type PoolingParams } from '../shared/pooling';
import { definePytorch } from '../shared/pytorch';
import { pyTuple } from '../shared/python';

export const pytorch = definePytorch<PoolingParams>({
  forward(p, { inputs, inputShapes }) {
    const pads = tfPads(inputShapes[0]!, p.poolSize, poolStrides(p), p.padding);
    const window = `${pyTuple(toPair(p.poolSize))}, ${pyTuple(poolStrides(p))}`;
    // TensorFlow's 'same' averages only the cells inside the image (the padding may be uneven).
    return pads.some((n) => n > 0) ? `_avg_pool_same(${inputs[0]}, ${window}, ${pyTuple(pads)})` : `F.avg_pool2d(${inputs[0]}, ${window})`;
  },
});
