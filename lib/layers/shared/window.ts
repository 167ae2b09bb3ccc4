import type { LayerProblem, ShapeResult } from '../../graph/issues';
import { shapeError, shapeOk } from '../../graph/issues';
import { convOutputLength, formatPair, formatShape, toPair, type Padding, type Pair, type Shape } from '../../graph/shape';
import type { SlidingWindow } from './define';

/** Convolutions and pooling need an image-shaped input [h, w, c]. */
export function expectImage(type: string, input: Shape | undefined): LayerProblem | null {
  if (input === undefined) return null;
  if (input.length === 3) return null;
  return {
    code: 'expectsImage',
    values: { layer: type, shape: formatShape(input) },
    message: `${type} expects an image-shaped input [height, width, channels] but gets ${formatShape(input)}: use an image-shaped Input, or insert a Reshape before it`,
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
  what: 'kernel' | 'pool' = type.includes('Pool') ? 'pool' : 'kernel',
): ShapeResult {
  const [h, w] = input as [number, number, number];
  const outH = convOutputLength(h, window[0], strides[0], padding);
  const outW = convOutputLength(w, window[1], strides[1], padding);
  if (outH < 1 || outW < 1) {
    return shapeError({
      code: 'windowTooLarge',
      values: { layer: type, what, window: formatPair(window), size: `${h}×${w}` },
      message: `${type}'s ${what} ${formatPair(window)} is larger than its ${h}×${w} input under 'valid' padding, so the output would be empty: use padding 'same' or a smaller ${what}`,
      fix: { kind: 'setParam', param: 'padding', value: 'same' },
    });
  }
  return shapeOk([outH, outW, channelsOut]);
}

/** Keras's transposed-convolution length: valid -> (n - 1)·s + max(k, s); same -> n·s. */
export function transposedOutputLength(n: number, k: number, s: number, padding: Padding): number {
  return padding === 'same' ? n * s : (n - 1) * s + Math.max(k, s);
}

/**
 * The output-size arithmetic with the real numbers, as the inspector shows it:
 * `valid: ceil((28 − 3 + 1) / 2) = 13`, or for a transposed convolution
 * `same: (14 − 1)·2 + 3 − 2·p = 28` with p the padding Keras takes.
 */
export function sizeArithmetic(n: number, k: number, s: number, padding: Padding, transposed = false): string {
  if (transposed) {
    const out = transposedOutputLength(n, k, s, padding);
    // Keras's `same` takes as much padding as makes the output n·s; with p
    // total padding on both sides, (n − 1)·s + k − 2p = out.
    const twoP = (n - 1) * s + k - out;
    if (padding === 'valid' && twoP === 0) return `valid: (${n} − 1)·${s} + ${k} = ${out}`;
    if (padding === 'valid') return `valid: (${n} − 1)·${s} + max(${k}, ${s}) = ${out}`;
    // A stride above the kernel leaves a gap Keras fills with output padding.
    if (twoP < 0) return `same: (${n} − 1)·${s} + ${k} + ${-twoP} = ${out}`;
    return `same: (${n} − 1)·${s} + ${k} − ${twoP} = ${out}`;
  }
  return padding === 'same'
    ? `same: ceil(${n} / ${s}) = ${Math.ceil(n / s)}`
    : `valid: ceil((${n} − ${k} + 1) / ${s}) = ${Math.ceil((n - k + 1) / s)}`;
}

/** One line when height and width agree, else one per side. */
export function sizeArithmeticRows(input: Shape, geometry: SlidingWindow): string[] {
  const { window, strides, padding, transposed } = geometry;
  const [h, w] = input as [number, number];
  if (h === w && window[0] === window[1] && strides[0] === strides[1]) return [sizeArithmetic(h, window[0], strides[0], padding, transposed)];
  return [`h ${sizeArithmetic(h, window[0], strides[0], padding, transposed)}`, `w ${sizeArithmetic(w, window[1], strides[1], padding, transposed)}`];
}

/** `3×3` or `3×5`, the way labels read a kernel, pool or stride. */
export function squareOf(value: number | readonly [number, number]): string {
  return (typeof value === 'number' ? [value, value] : value).join('×');
}

/** `s1` or `s1×2`, the way badges show strides. */
export function strideBadge(strides: number | readonly [number, number]): string {
  const [sh, sw] = toPair(strides);
  return sh === sw ? `s${sh}` : `s${sh}×${sw}`;
}

/** The sliding window of a convolution's kernel, from its kernelSize, strides and padding. */
export function kernelWindow(p: { kernelSize: number | readonly [number, number]; strides: number | readonly [number, number]; padding: Padding }): SlidingWindow {
  return { window: toPair(p.kernelSize), strides: toPair(p.strides), padding: p.padding };
}
