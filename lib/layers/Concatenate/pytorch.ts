import { channelsFirstAxis } from '../shared/export';
import { definePytorch } from '../shared/pytorch';
import type { ConcatenateParams } from '.';

export const pytorch = definePytorch<ConcatenateParams>({
  forward(p, { inputs, outputShape }) {
    const rank = outputShape.length;
    // Keras counts axis 0 as the batch; shapes leave it out.
    const dim = channelsFirstAxis(rank, p.axis < 0 ? rank + p.axis : p.axis - 1);
    return `torch.cat([${inputs.join(', ')}], dim=${dim})`;
  },
});
