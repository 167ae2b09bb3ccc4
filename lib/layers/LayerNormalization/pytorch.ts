import { resolveAxis } from '../shared/axis';
import { channelsFirstAxis } from '../shared/export';
import { definePytorch } from '../shared/pytorch';
import { pyNumber } from '../shared/python';
import type { LayerNormalizationParams } from '.';

/** The normalised axis in PyTorch's layout (batch included) and the tensor's rank there. */
function normalisedDim(p: LayerNormalizationParams, input: readonly number[]) {
  const at = resolveAxis(p.axis, input.length)!;
  return { dim: channelsFirstAxis(input.length, at), last: input.length, size: input[at]! };
}

export const pytorch = definePytorch<LayerNormalizationParams>({
  // nn.LayerNorm normalises the last axis with the biased variance and epsilon inside the square root, as tfjs does.
  module: (p, { inputShapes }) => `nn.LayerNorm(${normalisedDim(p, inputShapes[0]!).size}, eps=${pyNumber(p.epsilon)})`,
  forward(p, { attr, inputs, inputShapes }) {
    const { dim, last } = normalisedDim(p, inputShapes[0]!);
    // Images are NCHW here, so the channels (Keras's axis -1) sit at dim 1: moved last for nn.LayerNorm and back.
    if (dim === last) return `self.${attr}(${inputs[0]})`;
    return `self.${attr}(${inputs[0]}.movedim(${dim}, -1)).movedim(-1, ${dim})`;
  },
  loadWeights: (_p, { attr, key }) => [
    `model.${attr}.weight.copy_(_tensor(weights[${key('gamma')}]))`,
    `model.${attr}.bias.copy_(_tensor(weights[${key('beta')}]))`,
  ],
});
