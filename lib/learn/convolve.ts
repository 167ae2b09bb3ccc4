// The step-by-step convolution the lessons animate, in plain arithmetic so
// every product and sum can be shown. Like tf.conv2d (and the course) this is
// cross-correlation: the kernel is not flipped.
import { gridCols, gridRows, type Grid } from './grid';

/**
 * valid: no padding. zero: Keras `padding: 'same'` (zeros, as many as keep
 * ceil(n / stride) outputs, the odd one after). replicate: the same amounts,
 * but copying the border pixels outward (the course's picture).
 */
export const paddingModes = ['valid', 'zero', 'replicate'] as const;
export type PaddingMode = (typeof paddingModes)[number];

export type Pair = readonly [number, number];

export interface Padding {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface ConvolutionOptions {
  /** [rows, cols] */
  stride: Pair;
  padding: PaddingMode;
}

/** One position of the kernel: what the lesson shows in the "multiply" and "sum" phases. */
export interface ConvolutionWindow {
  /** Output cell this window fills. */
  outRow: number;
  outCol: number;
  /** Top-left corner in the padded image. */
  top: number;
  left: number;
  /** products[i][j] = padded[top + i][left + j] * kernel[i][j] */
  products: number[][];
  sum: number;
}

export interface Convolution {
  padding: Padding;
  /** The image with its padding, the grid the kernel actually slides over. */
  padded: number[][];
  output: number[][];
  /** Row by row, left to right: the order the window moves in. */
  windows: ConvolutionWindow[];
}

/** Padding before and after along one dimension, as TensorFlow computes it for 'same'. */
export function padAmounts(size: number, kernel: number, stride: number, mode: PaddingMode): [number, number] {
  if (mode === 'valid') return [0, 0];
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  const before = Math.floor(total / 2);
  return [before, total - before];
}

/** ⌊(n + p − k) / s⌋ + 1, with p the total padding; 0 when the kernel does not fit. */
export function outputLength(size: number, kernel: number, stride: number, totalPadding: number): number {
  const room = size + totalPadding - kernel;
  return room < 0 ? 0 : Math.floor(room / stride) + 1;
}

export function paddingFor(image: Grid, kernel: Grid, options: ConvolutionOptions): Padding {
  const [top, bottom] = padAmounts(gridRows(image), gridRows(kernel), options.stride[0], options.padding);
  const [left, right] = padAmounts(gridCols(image), gridCols(kernel), options.stride[1], options.padding);
  return { top, bottom, left, right };
}

export function padGrid(image: Grid, pad: Padding, mode: PaddingMode): number[][] {
  const rows = gridRows(image);
  const cols = gridCols(image);
  const clamp = (v: number, n: number) => Math.min(Math.max(v, 0), n - 1);
  return Array.from({ length: rows + pad.top + pad.bottom }, (_, r) =>
    Array.from({ length: cols + pad.left + pad.right }, (_, c) => {
      const ir = r - pad.top;
      const ic = c - pad.left;
      const inside = ir >= 0 && ir < rows && ic >= 0 && ic < cols;
      if (inside) return image[ir]![ic]!;
      // Replicate: the nearest border pixel; zero (and valid, which has no border) give 0.
      return mode === 'replicate' ? image[clamp(ir, rows)]![clamp(ic, cols)]! : 0;
    }),
  );
}

export function convolve(image: Grid, kernel: Grid, options: ConvolutionOptions): Convolution {
  const padding = paddingFor(image, kernel, options);
  const padded = padGrid(image, padding, options.padding);
  const kh = gridRows(kernel);
  const kw = gridCols(kernel);
  const [sh, sw] = options.stride;
  const outRows = outputLength(gridRows(image), kh, sh, padding.top + padding.bottom);
  const outCols = outputLength(gridCols(image), kw, sw, padding.left + padding.right);
  const windows: ConvolutionWindow[] = [];
  const output: number[][] = [];
  for (let outRow = 0; outRow < outRows; outRow++) {
    const row: number[] = [];
    for (let outCol = 0; outCol < outCols; outCol++) {
      const top = outRow * sh;
      const left = outCol * sw;
      const products = Array.from({ length: kh }, (_, i) => Array.from({ length: kw }, (_, j) => padded[top + i]![left + j]! * kernel[i]![j]!));
      // Summed in reading order, the order the lesson lists the products in.
      const sum = products.reduce((acc, r) => r.reduce((a, p) => a + p, acc), 0);
      windows.push({ outRow, outCol, top, left, products, sum });
      row.push(sum);
    }
    output.push(row);
  }
  return { padding, padded, output, windows };
}
