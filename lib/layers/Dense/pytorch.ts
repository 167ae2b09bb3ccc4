import { definePytorch, pyActivation } from '../shared/pytorch';
import { pyBool } from '../shared/python';
import type { DenseParams } from '.';

export const pytorch = definePytorch<DenseParams>({
  module: (p, { inputShapes }) => `nn.Linear(${inputShapes[0]![0]}, ${p.units}, bias=${pyBool(p.useBias)})`,
  forward: (p, { attr, inputs }) => pyActivation(p.activation, `self.${attr}(${inputs[0]})`, 1),
  loadWeights: (p, { attr, key }) => [
    // Keras kernels are [in, out]; nn.Linear's weight is [out, in].
    `model.${attr}.weight.copy_(_tensor(weights[${key('kernel')}].T))`,
    ...(p.useBias ? [`model.${attr}.bias.copy_(_tensor(weights[${key('bias')}]))`] : []),
  ],
});
