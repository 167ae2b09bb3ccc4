import type { LayerProblem, ShapeResult } from '../issues';
import { shapeError, shapeOk } from '../issues';
import { convOutputLength, formatPair, formatShape, type Padding, type Pair, type Shape } from '../shape';

/** Conv2D and the pooling layers need an image-shaped input [h, w, c]. */
export function expectImage(type: string, input: Shape | undefined): LayerProblem | null {
  if (input === undefined) return null;
  if (input.length === 3) return null;
  return {
    code: 'expectsImage',
    values: { layer: type, shape: formatShape(input) },
    message: `${type} expects an image-shaped input [height, width, channels] but gets ${formatShape(input)}`,
  };
}

/**
 * The spatial output of a sliding window (convolution or pooling), or the
 * problem when the window does not fit under 'valid' padding.
 */
export function slideWindow(
  type: string,
  input: Shape,
  window: Pair,
  strides: Pair,
  padding: Padding,
  channelsOut: number,
): ShapeResult {
  const [h, w] = input as [number, number, number];
  const outH = convOutputLength(h, window[0], strides[0], padding);
  const outW = convOutputLength(w, window[1], strides[1], padding);
  if (outH < 1 || outW < 1) {
    const what = type === 'Conv2D' ? 'kernel' : 'pool';
    return shapeError({
      code: 'windowTooLarge',
      values: { layer: type, what, window: formatPair(window), size: `${h}×${w}` },
      message: `${type}'s ${what} ${formatPair(window)} is larger than its ${h}×${w} input under 'valid' padding, so the output would be empty: use padding 'same' or a smaller ${what}`,
      fix: { kind: 'setParam', param: 'padding', value: 'same' },
    });
  }
  return shapeOk([outH, outW, channelsOut]);
}

export function shortPadding(padding: Padding): string {
  return padding;
}
