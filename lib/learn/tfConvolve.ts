// The same convolution with tfjs ops, for real images. convolve.test.ts checks
// it against the step-by-step arithmetic in convolve.ts.
import * as tf from '@tensorflow/tfjs';
import { paddingFor, type ConvolutionOptions, type Padding, type PaddingMode } from './convolve';
import { gridCols, gridRows, type Grid } from './grid';

/**
 * Pads [1, h, w, 1]. Zeros use tf.pad. Edge replication uses tf.mirrorPad in
 * 'symmetric' mode one pixel at a time: a 1-pixel symmetric mirror copies the
 * border pixel exactly, and repeating it copies the new border again, which is
 * replication for any width (a single wide symmetric mirror would not be).
 */
export function padImage(x: tf.Tensor4D, pad: Padding, mode: PaddingMode): tf.Tensor4D {
  if (mode === 'valid') return x;
  if (mode === 'zero') return tf.pad(x, [[0, 0], [pad.top, pad.bottom], [pad.left, pad.right], [0, 0]]);
  let out = x;
  let { top, bottom, left, right } = pad;
  while (top + bottom + left + right > 0) {
    const step: [number, number][] = [
      [0, 0],
      [Math.min(top, 1), Math.min(bottom, 1)],
      [Math.min(left, 1), Math.min(right, 1)],
      [0, 0],
    ];
    out = tf.mirrorPad(out, step, 'symmetric');
    top -= step[1]![0];
    bottom -= step[1]![1];
    left -= step[2]![0];
    right -= step[2]![1];
  }
  return out;
}

/** Convolves a grayscale image [h, w] with one kernel; the result is raw (not clamped). Caller disposes it. */
export function convolveImage(image: tf.Tensor2D, kernel: Grid, options: ConvolutionOptions): tf.Tensor2D {
  return tf.tidy(() => {
    const [h, w] = image.shape;
    const kh = gridRows(kernel);
    const kw = gridCols(kernel);
    // paddingFor only needs the sizes, so hand it shape-only grids.
    const pad = paddingFor(sizedGrid(h, w), kernel, options);
    const x = padImage(image.reshape([1, h, w, 1]), pad, options.padding); // [1, h', w', 1]
    const filter = tf.tensor4d(kernel.flat(), [kh, kw, 1, 1]); // [kh, kw, in, out]
    const y = tf.conv2d(x, filter, [options.stride[0], options.stride[1]], 'valid'); // [1, oh, ow, 1]
    return y.reshape([y.shape[1], y.shape[2]]);
  });
}

/** The tfjs result as a grid, for tests and the small lessons. */
export function convolveGridTf(image: Grid, kernel: Grid, options: ConvolutionOptions): number[][] {
  const x = tf.tensor2d(image.map((r) => [...r]));
  const y = convolveImage(x, kernel, options);
  const out = y.arraySync();
  x.dispose();
  y.dispose();
  return out;
}

function sizedGrid(rows: number, cols: number): Grid {
  return Array.from({ length: rows }, () => new Array<number>(cols).fill(0));
}
