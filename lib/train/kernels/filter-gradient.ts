// The gradient of a convolution with respect to its filter, built from
// forward ops every backend already runs fast, instead of tfjs's own
// Conv2DBackpropFilter (missing on WASM, slow elsewhere).
import * as tf from '@tensorflow/tfjs';
import { asTensor4D, convGeometry, type ConvGeometry, type ConvGradientAttrs } from './geometry';

export type FilterGradientFormulation = 'convolution' | 'im2col' | 'patches' | 'auto';

const kernelName = 'Conv2DBackpropFilter';

function padded(x: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  const { top, bottom, left, right } = g.pad;
  if (top === 0 && bottom === 0 && left === 0 && right === 0) return x;
  return tf.pad(x, [[0, 0], [top, bottom], [left, right], [0, 0]]);
}

/**
 * dW[a,b,ci,co] = Σ_{n,i,j} xPadded[n, a + i·sh, b + j·sw, ci] · dy[n,i,j,co]
 * is itself a convolution: the input with batch and channels swapped
 * [ci, h, w, n], the output gradient as the filter [i, j, n, co], dilated by
 * the stride. That hands the whole reduction to the backend's conv2d
 * (XNNPACK on WASM).
 */
function byConvolution(x: tf.Tensor4D, dy: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  const input = tf.transpose(padded(x, g), [3, 1, 2, 0]); // [ci, hPadded, wPadded, n]
  const filter = tf.transpose(dy, [1, 2, 0, 3]); // [outH, outW, n, co]
  let grad = tf.conv2d(input, filter, 1, 'valid', 'NHWC', [g.strideHeight, g.strideWidth]); // [ci, ≥kh, ≥kw, co]
  // Rows/columns the forward pass never reached (stride leftovers) come out extra.
  if (grad.shape[1] !== g.filterHeight || grad.shape[2] !== g.filterWidth) {
    grad = tf.slice(grad, [0, 0, 0, 0], [-1, g.filterHeight, g.filterWidth, -1]);
  }
  return tf.transpose(grad, [1, 2, 0, 3]); // [kh, kw, ci, co]
}

/** Patches [n·outH·outW, kh·kw·ci] times dy [n·outH·outW, co]: one matmul. */
function byIm2col(x: tf.Tensor4D, dy: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  const xp = padded(x, g);
  const { batch, outHeight, outWidth, inChannels, strideHeight: sh, strideWidth: sw } = g;
  const columns: tf.Tensor4D[] = [];
  for (let a = 0; a < g.filterHeight; a++) {
    for (let b = 0; b < g.filterWidth; b++) {
      columns.push(
        sh === 1 && sw === 1
          ? tf.slice(xp, [0, a, b, 0], [batch, outHeight, outWidth, inChannels])
          : tf.stridedSlice(xp, [0, a, b, 0], [batch, a + (outHeight - 1) * sh + 1, b + (outWidth - 1) * sw + 1, inChannels], [1, sh, sw, 1]) as tf.Tensor4D,
      );
    }
  }
  const rows = batch * outHeight * outWidth;
  const patches = tf.reshape(columns.length === 1 ? columns[0]! : tf.concat(columns, 3), [rows, g.filterHeight * g.filterWidth * inChannels]);
  const grad = tf.matMul(patches, tf.reshape(dy, [rows, g.outChannels]), true, false);
  return tf.reshape(grad, [g.filterHeight, g.filterWidth, inChannels, g.outChannels]);
}

/** [kh, kw, ci, kh·kw·ci]: a 1 where the output channel picks (row a, column b, channel c) of the window. */
function patchPicker(g: ConvGeometry): tf.Tensor4D {
  const k = g.filterHeight * g.filterWidth * g.inChannels;
  const values = new Float32Array(k * k);
  for (let i = 0; i < k; i++) values[i * k + i] = 1;
  return tf.tensor4d(values, [g.filterHeight, g.filterWidth, g.inChannels, k]);
}

/**
 * For few input channels (the first layer): the patches come out of one
 * convolution with a 0/1 filter (stride and padding as the forward pass),
 * then dWᵀ [co, k] = dyᵀ [co, rows] × patches [rows, k]. The large operand
 * (dy) is the matmul's left side, which XNNPACK reads as is; in the
 * 'convolution' form it is the filter, which XNNPACK repacks on every call.
 */
function byPatches(x: tf.Tensor4D, dy: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  const k = g.filterHeight * g.filterWidth * g.inChannels;
  const rows = g.batch * g.outHeight * g.outWidth;
  const pad = [[0, 0], [g.pad.top, g.pad.bottom], [g.pad.left, g.pad.right], [0, 0]] as [[number, number], [number, number], [number, number], [number, number]];
  const patches = tf.conv2d(x, patchPicker(g), [g.strideHeight, g.strideWidth], pad); // [n, outH, outW, k]
  const dyT = tf.transpose(tf.reshape(dy, [rows, g.outChannels])); // [co, rows]
  const gradT = tf.matMul(dyT, tf.reshape(patches, [rows, k])); // [co, k]
  return tf.reshape(tf.transpose(gradT), [g.filterHeight, g.filterWidth, g.inChannels, g.outChannels]);
}

/**
 * 'auto' picks between the two XNNPACK-friendly forms by a cost model fitted
 * to WASM timings (ns per element): repacking dy as a filter costs about 15
 * per element of dy; the patch form instead pays a k×k convolution per output
 * pixel (0.15 per multiply-add), a transpose of dy (2) and packing the
 * patches (15 per element).
 */
export function preferPatches(k: number, outChannels: number): boolean {
  const convolutionExtra = 15 * outChannels;
  const patchesExtra = 0.15 * k * k + 2 * outChannels + 15 * k;
  return patchesExtra < convolutionExtra;
}

/** The filter gradient of conv2d(x, filter of `filterShape`) given the output gradient dy. */
export function filterGradient(
  x: tf.Tensor4D,
  dy: tf.Tensor4D,
  filterShape: readonly number[],
  attrs: ConvGradientAttrs,
  formulation: FilterGradientFormulation,
): tf.Tensor4D {
  const g = convGeometry(kernelName, x.shape, filterShape, attrs);
  if (dy.shape[0] !== g.batch || dy.shape[1] !== g.outHeight || dy.shape[2] !== g.outWidth || dy.shape[3] !== g.outChannels) {
    throw new Error(`${kernelName}: dy has shape [${dy.shape.join(',')}] but the convolution outputs [${g.batch},${g.outHeight},${g.outWidth},${g.outChannels}]`);
  }
  const chosen = formulation === 'auto' ? (preferPatches(g.filterHeight * g.filterWidth * g.inChannels, g.outChannels) ? 'patches' : 'convolution') : formulation;
  return tf.tidy(() => {
    switch (chosen) {
      case 'convolution':
        return byConvolution(x, dy, g);
      case 'im2col':
        return byIm2col(x, dy, g);
      case 'patches':
        return byPatches(x, dy, g);
    }
  });
}

interface FilterGradientAttrs extends ConvGradientAttrs {
  filterShape: [number, number, number, number];
}

export function filterGradientKernel(formulation: FilterGradientFormulation): tf.KernelFunc {
  return ({ inputs, attrs }) => {
    const a = attrs as unknown as FilterGradientAttrs;
    const x = asTensor4D(kernelName, 'x', inputs.x!);
    const dy = asTensor4D(kernelName, 'dy', inputs.dy!);
    return filterGradient(x, dy, a.filterShape, a, formulation);
  };
}
