import { channelAxis } from '../shared/export';
import { definePytorch, pyActivation } from '../shared/pytorch';
import type { ActivationParams } from '.';

export const pytorch = definePytorch<ActivationParams>({
  forward: (p, { inputs, outputShape }) => pyActivation(p.activation, inputs[0]!, channelAxis(outputShape)),
});
