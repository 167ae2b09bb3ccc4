// The gradients of a depthwise convolution (DepthwiseConv2D, and the first
// half of SeparableConv2D), which tfjs-backend-wasm lacks. Both are built from
// forward ops WASM runs natively: its XNNPACK depthwise convolution for the
// input gradient, strided slices, multiplies and sums for the filter gradient.
import * as tf from '@tensorflow/tfjs';
import { asTensor4D } from './geometry';

export const depthwiseInputGradientName = 'DepthwiseConv2dNativeBackpropInput';
export const depthwiseFilterGradientName = 'DepthwiseConv2dNativeBackpropFilter';

type Shape4D = [number, number, number, number];

/** The attributes tfjs passes to both depthwise gradient kernels. */
export interface DepthwiseGradientAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

interface DepthwiseGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  multiplier: number;
  outHeight: number;
  outWidth: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  pad: { top: number; bottom: number; left: number; right: number };
}

/** Works out tfjs's padding and output size; dilation is refused by name rather than computed wrong. */
function depthwiseGeometry(kernelName: string, xShape: readonly number[], filterShape: readonly number[], attrs: DepthwiseGradientAttrs): DepthwiseGeometry {
  if (xShape.length !== 4 || filterShape.length !== 4) {
    throw new Error(`${kernelName} expects a 4-D input and filter, got input [${xShape.join(',')}] and filter [${filterShape.join(',')}]`);
  }
  if (xShape[3] !== filterShape[2]) {
    throw new Error(`${kernelName}: the input has ${xShape[3]} channels but the filter [${filterShape.join(',')}] is for ${filterShape[2]}`);
  }
  const [dh, dw] = typeof attrs.dilations === 'number' ? [attrs.dilations, attrs.dilations] : (attrs.dilations ?? [1, 1]);
  if (dh !== 1 || dw !== 1) throw new Error(`${kernelName}: dilation [${dh},${dw}] is not supported; only dilation 1 has a gradient here`);
  const info = tf.backend_util.computeConv2DInfo(xShape as Shape4D, filterShape as Shape4D, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, true, 'channelsLast');
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    multiplier: filterShape[3]!,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    pad: { top: info.padInfo.top, bottom: info.padInfo.bottom, left: info.padInfo.left, right: info.padInfo.right },
  };
}

function checkDy(kernelName: string, dy: tf.Tensor4D, g: DepthwiseGeometry): void {
  const expected = [g.batch, g.outHeight, g.outWidth, g.inChannels * g.multiplier];
  if (dy.shape.some((d, i) => d !== expected[i])) {
    throw new Error(`${kernelName}: dy has shape [${dy.shape.join(',')}] but the convolution outputs [${expected.join(',')}]`);
  }
}

/**
 * Puts stride−1 zeros after every row and column of dy: [n, outH·sh, outW·sw, c].
 * Two 4-D pads rather than one 6-D pad: WASM's PadV2 has specialised paths
 * up to rank 4 only (a 6-D pad measured far slower in one run here).
 */
function spreadByStride(dy: tf.Tensor4D, sh: number, sw: number): tf.Tensor4D {
  if (sh === 1 && sw === 1) return dy;
  const [n, h, w, c] = dy.shape;
  const columns = sw === 1 ? dy : tf.pad(tf.reshape(dy, [n * h, w, 1, c]), [[0, 0], [0, 0], [0, sw - 1], [0, 0]]); // [n·h, w, sw, c]
  const rows = sh === 1 ? columns : tf.pad(tf.reshape(columns, [n, h, 1, w * sw * c]), [[0, 0], [0, 0], [0, sh - 1], [0, 0]]); // [n, h, sh, w·sw·c]
  return tf.reshape(rows, [n, h * sh, w * sw, c]);
}

/**
 * dx[n,y,x,c] = Σ_{a,b,q} dySpread[n, y + top − a, x + left − b, c·m + q] · W[a,b,c,q]:
 * a depthwise convolution (multiplier 1) of the stride-spread dy over its c·m
 * channels with the spatially flipped filter, then a sum over each channel's
 * m outputs. Paddings that come out negative are cropped instead.
 */
export function depthwiseInputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D, inputShape: readonly number[], attrs: DepthwiseGradientAttrs): tf.Tensor4D {
  const g = depthwiseGeometry(depthwiseInputGradientName, inputShape, filter.shape, attrs);
  checkDy(depthwiseInputGradientName, dy, g);
  return tf.tidy(() => {
    const { strideHeight: sh, strideWidth: sw, filterHeight: kh, filterWidth: kw, multiplier: m } = g;
    const channels = g.inChannels * m;
    // [n, outH·sh, outW·sw, c·m]: stride−1 zeros after every row and column.
    const spreadH = g.outHeight * sh;
    const spreadW = g.outWidth * sw;
    const spread = spreadByStride(dy, sh, sw); // [n, outH·sh, outW·sw, c·m]
    const top = kh - 1 - g.pad.top;
    const left = kw - 1 - g.pad.left;
    const bottom = g.inHeight + kh - 1 - spreadH - top;
    const right = g.inWidth + kw - 1 - spreadW - left;
    const cropTop = Math.max(0, -top);
    const cropLeft = Math.max(0, -left);
    let source: tf.Tensor4D = spread;
    if (cropTop > 0 || cropLeft > 0 || bottom < 0 || right < 0) {
      source = tf.slice(spread, [0, cropTop, cropLeft, 0], [-1, spreadH - cropTop - Math.max(0, -bottom), spreadW - cropLeft - Math.max(0, -right), -1]);
    }
    const padding: [number, number][] = [[0, 0], [Math.max(0, top), Math.max(0, bottom)], [Math.max(0, left), Math.max(0, right)], [0, 0]];
    if (padding.some(([a, b]) => a > 0 || b > 0)) source = tf.pad(source, padding);
    const flipped = tf.reshape(tf.reverse(filter, [0, 1]), [kh, kw, channels, 1]) as tf.Tensor4D; // [kh, kw, c·m, 1]
    const perOutput = tf.depthwiseConv2d(source, flipped, 1, 'valid'); // [n, h, w, c·m]
    if (m === 1) return perOutput;
    return tf.sum(tf.reshape(perOutput, [g.batch, g.inHeight, g.inWidth, g.inChannels, m]), 4) as tf.Tensor4D;
  });
}

/**
 * dW[a,b,c,q] = Σ_{n,i,j} xPadded[n, a + i·sh, b + j·sw, c] · dy[n,i,j,c·m + q]:
 * for each kernel position, the strided window of the input times dy, summed
 * over every output position.
 */
export function depthwiseFilterGradient(x: tf.Tensor4D, dy: tf.Tensor4D, filterShape: readonly number[], attrs: DepthwiseGradientAttrs): tf.Tensor4D {
  const g = depthwiseGeometry(depthwiseFilterGradientName, x.shape, filterShape, attrs);
  checkDy(depthwiseFilterGradientName, dy, g);
  return tf.tidy(() => {
    const { top, bottom, left, right } = g.pad;
    const xp = top || bottom || left || right ? tf.pad(x, [[0, 0], [top, bottom], [left, right], [0, 0]]) : x;
    const rows = g.batch * g.outHeight * g.outWidth;
    const c = g.inChannels;
    const m = g.multiplier;
    const dyRows = tf.reshape(dy, [rows, c, m]); // [n·outH·outW, c, m]
    const taps: tf.Tensor[] = [];
    for (let a = 0; a < g.filterHeight; a++) {
      for (let b = 0; b < g.filterWidth; b++) {
        const window =
          g.strideHeight === 1 && g.strideWidth === 1
            ? tf.slice(xp, [0, a, b, 0], [g.batch, g.outHeight, g.outWidth, c])
            : tf.stridedSlice(xp, [0, a, b, 0], [g.batch, a + (g.outHeight - 1) * g.strideHeight + 1, b + (g.outWidth - 1) * g.strideWidth + 1, c], [1, g.strideHeight, g.strideWidth, 1]);
        taps.push(tf.sum(tf.mul(tf.reshape(window, [rows, c, 1]), dyRows), 0)); // [c, m]
      }
    }
    return tf.reshape(tf.stack(taps), [g.filterHeight, g.filterWidth, c, m]) as tf.Tensor4D;
  });
}

interface InputGradientAttrs extends DepthwiseGradientAttrs {
  inputShape: Shape4D;
}

interface FilterGradientAttrs extends DepthwiseGradientAttrs {
  filterShape: Shape4D;
}

export const depthwiseInputGradientKernel: tf.KernelFunc = ({ inputs, attrs }) => {
  const a = attrs as unknown as InputGradientAttrs;
  const dy = asTensor4D(depthwiseInputGradientName, 'dy', inputs.dy!);
  const filter = asTensor4D(depthwiseInputGradientName, 'filter', inputs.filter!);
  return depthwiseInputGradient(dy, filter, a.inputShape, a);
};

export const depthwiseFilterGradientKernel: tf.KernelFunc = ({ inputs, attrs }) => {
  const a = attrs as unknown as FilterGradientAttrs;
  const x = asTensor4D(depthwiseFilterGradientName, 'x', inputs.x!);
  const dy = asTensor4D(depthwiseFilterGradientName, 'dy', inputs.dy!);
  return depthwiseFilterGradient(x, dy, a.filterShape, a);
};
