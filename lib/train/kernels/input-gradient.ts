// The gradient of a convolution with respect to its input, as a forward
// convolution of the output gradient with the flipped filter. WASM's own
// Conv2DBackpropInput is a plain loop; its conv2d is XNNPACK.
import * as tf from '@tensorflow/tfjs';
import { asTensor4D, convGeometry, type ConvGeometry, type ConvGradientAttrs } from './geometry';

const kernelName = 'Conv2DBackpropInput';

/** Puts stride−1 zeros after every row and column of dy: [n, outH·sh, outW·sw, co]. */
function spreadByStride(dy: tf.Tensor4D, g: ConvGeometry): tf.Tensor4D {
  const { strideHeight: sh, strideWidth: sw } = g;
  if (sh === 1 && sw === 1) return dy;
  const [n, h, w, c] = dy.shape;
  const grid = tf.reshape(dy, [n, h, 1, w, 1, c]);
  const spread = tf.pad(grid, [[0, 0], [0, 0], [0, sh - 1], [0, 0], [0, sw - 1], [0, 0]]);
  return tf.reshape(spread, [n, h * sh, w * sw, c]);
}

/**
 * dx[n,y,x,ci] = Σ_{a,b,co} dySpread[n, y + top − a, x + left − b, co] · W[a,b,ci,co]
 * which is conv2d(dySpread, W flipped in space with ci/co swapped) padded by
 * kh−1−top above. Paddings that come out negative (explicit pads larger than
 * the kernel, or the spread's trailing zeros) are cropped instead.
 */
export function inputGradient(dy: tf.Tensor4D, filter: tf.Tensor4D, inputShape: readonly number[], attrs: ConvGradientAttrs): tf.Tensor4D {
  const g = convGeometry(kernelName, inputShape, filter.shape, attrs);
  if (dy.shape[0] !== g.batch || dy.shape[1] !== g.outHeight || dy.shape[2] !== g.outWidth || dy.shape[3] !== g.outChannels) {
    throw new Error(`${kernelName}: dy has shape [${dy.shape.join(',')}] but the convolution outputs [${g.batch},${g.outHeight},${g.outWidth},${g.outChannels}]`);
  }
  return tf.tidy(() => {
    const spread = spreadByStride(dy, g);
    const kh = g.filterHeight;
    const kw = g.filterWidth;
    let top = kh - 1 - g.pad.top;
    let left = kw - 1 - g.pad.left;
    let bottom = g.inHeight + kh - 1 - spread.shape[1] - top;
    let right = g.inWidth + kw - 1 - spread.shape[2] - left;
    let source = spread;
    if (top < 0 || left < 0 || bottom < 0 || right < 0) {
      const cropTop = Math.max(0, -top);
      const cropLeft = Math.max(0, -left);
      const keepH = spread.shape[1] - cropTop - Math.max(0, -bottom);
      const keepW = spread.shape[2] - cropLeft - Math.max(0, -right);
      source = tf.slice(spread, [0, cropTop, cropLeft, 0], [-1, keepH, keepW, -1]);
      top = Math.max(0, top);
      left = Math.max(0, left);
      bottom = Math.max(0, bottom);
      right = Math.max(0, right);
    }
    const flipped = tf.transpose(tf.reverse(filter, [0, 1]), [0, 1, 3, 2]); // [kh, kw, co, ci]
    return tf.conv2d(source, flipped, 1, [[0, 0], [top, bottom], [left, right], [0, 0]]);
  });
}

interface InputGradientAttrs extends ConvGradientAttrs {
  inputShape: [number, number, number, number];
}

export const inputGradientKernel: tf.KernelFunc = ({ inputs, attrs }) => {
  const a = attrs as unknown as InputGradientAttrs;
  const dy = asTensor4D(kernelName, 'dy', inputs.dy!);
  const filter = asTensor4D(kernelName, 'filter', inputs.filter!);
  return inputGradient(dy, filter, a.inputShape, a);
};
