// What ONNX and PyTorch export share: refusing a layer type that a format
// cannot express, leaving out training-only layers, TensorFlow's 'same'
// padding written out explicitly, and where an axis of a CNN Studio shape
// (channels-last, no batch) lands in the channels-first layout of both formats.
import { toPair, type Padding, type Pair, type Shape } from '../../graph/shape';

/** A type a format cannot express: the export is refused naming the layer, never approximated. */
export interface Unsupported {
  kind: 'unsupported';
  /** English, shown with the layer's name, e.g. "ONNX has no operator for random flips at inference". */
  reason: string;
}

export function unsupported(reason: string): Unsupported {
  return { kind: 'unsupported', reason };
}

/** A training-only layer (Dropout, augmentation): identity at inference, so the export leaves it out. */
export interface IdentityAtInference {
  kind: 'identity';
}

export const identityAtInference: IdentityAtInference = { kind: 'identity' };

/** Pads [top, left, bottom, right] for a sliding window, as TensorFlow pads 'same' (the odd cell goes after). */
export function tfPads(inputHW: readonly number[], window: number | Pair, strides: number | Pair, padding: Padding): [number, number, number, number] {
  if (padding === 'valid') return [0, 0, 0, 0];
  const [kh, kw] = toPair(window);
  const [sh, sw] = toPair(strides);
  const total = (n: number, k: number, s: number) => Math.max((Math.ceil(n / s) - 1) * s + k - n, 0);
  const th = total(inputHW[0]!, kh, sh);
  const tw = total(inputHW[1]!, kw, sw);
  return [Math.floor(th / 2), Math.floor(tw / 2), th - Math.floor(th / 2), tw - Math.floor(tw / 2)];
}

/**
 * Where axis `axis` of a CNN Studio shape (no batch) sits in the exported
 * tensor, batch included: images [h, w, c] become [N, C, H, W]; flat [n] and
 * [h, w] tensors keep their order after the batch.
 */
export function channelsFirstAxis(rank: number, axis: number): number {
  if (rank === 3) return [2, 3, 1][axis]!;
  return axis + 1;
}

/** The channel axis of a tensor of this rank (the last in CNN Studio) in the exported layout. */
export function channelAxis(shape: Shape): number {
  return channelsFirstAxis(shape.length, shape.length - 1);
}
