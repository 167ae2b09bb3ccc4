import { toPair } from '../../graph/shape';
import { definePytorch } from '../shared/pytorch';
import type { UpSampling2DParams } from '.';

/**
 * The [out, in] matrix of TensorFlow's bilinear resize along one axis without
 * half-pixel centres: output o samples source o / size (clamped to the last
 * row), weighing its two neighbours by 1 − distance. PyTorch's own bilinear
 * (align_corners=False) samples at half-pixel centres, which tfjs does not.
 */
const lerpMatrix = (inSize: number, size: number) =>
  `(1 - (torch.clamp(torch.arange(${inSize * size}, dtype=torch.float32) / ${size}, max=${inSize - 1})[:, None] - torch.arange(${inSize}, dtype=torch.float32)).abs()).clamp(min=0)`;

export const pytorch = definePytorch<UpSampling2DParams>({
  forward(p, { inputs, inputShapes }) {
    const [sh, sw] = toPair(p.size);
    const x = inputs[0]!;
    if (p.interpolation === 'nearest') return `${x}.repeat_interleave(${sh}, dim=2).repeat_interleave(${sw}, dim=3)`;
    const [h, w] = inputShapes[0]! as [number, number, number];
    return `torch.einsum('oh,nchw,pw->ncop', ${lerpMatrix(h, sh)}, ${x}, ${lerpMatrix(w, sw)})`;
  },
});
