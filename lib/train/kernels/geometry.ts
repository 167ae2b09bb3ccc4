import * as tf from '@tensorflow/tfjs';

type Shape4D = [number, number, number, number];

export interface Padding {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** Everything the gradient kernels need about one convolution, in NHWC. */
export interface ConvGeometry {
  batch: number;
  inHeight: number;
  inWidth: number;
  inChannels: number;
  outHeight: number;
  outWidth: number;
  outChannels: number;
  filterHeight: number;
  filterWidth: number;
  strideHeight: number;
  strideWidth: number;
  pad: Padding;
}

/** The attributes tfjs passes to Conv2DBackpropFilter / Conv2DBackpropInput (plus dilations, which tfjs never passes but a caller might). */
export interface ConvGradientAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dataFormat?: 'NHWC' | 'NCHW';
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dilations?: number | [number, number];
}

function pair(value: number | [number, number]): [number, number] {
  return typeof value === 'number' ? [value, value] : value;
}

/**
 * Checks what our kernels support and works out the padding tfjs would use.
 * Dilation and NCHW are refused by name: silently computing something else
 * would train a wrong model without any sign of it.
 */
export function convGeometry(kernelName: string, xShape: readonly number[], filterShape: readonly number[], attrs: ConvGradientAttrs): ConvGeometry {
  if (xShape.length !== 4 || filterShape.length !== 4) {
    throw new Error(`${kernelName} expects a 4-D input and filter, got input [${xShape.join(',')}] and filter [${filterShape.join(',')}]`);
  }
  if (attrs.dataFormat === 'NCHW') {
    throw new Error(`${kernelName}: dataFormat 'NCHW' is not supported; use 'NHWC' (channels last)`);
  }
  if (attrs.dilations !== undefined) {
    const [dh, dw] = pair(attrs.dilations);
    if (dh !== 1 || dw !== 1) {
      throw new Error(`${kernelName}: dilation [${dh},${dw}] is not supported; only dilation 1 has a gradient here`);
    }
  }
  const info = tf.backend_util.computeConv2DInfo(
    xShape as Shape4D,
    filterShape as Shape4D,
    attrs.strides,
    1,
    attrs.pad,
    attrs.dimRoundingMode,
    false,
    'channelsLast',
  );
  return {
    batch: info.batchSize,
    inHeight: info.inHeight,
    inWidth: info.inWidth,
    inChannels: info.inChannels,
    outHeight: info.outHeight,
    outWidth: info.outWidth,
    outChannels: info.outChannels,
    filterHeight: info.filterHeight,
    filterWidth: info.filterWidth,
    strideHeight: info.strideHeight,
    strideWidth: info.strideWidth,
    pad: { top: info.padInfo.top, bottom: info.padInfo.bottom, left: info.padInfo.left, right: info.padInfo.right },
  };
}

/**
 * Kernels receive what the op passed to runKernel, which is a Tensor in every
 * path tfjs has. The composite formulations run tf ops on it; a bare
 * TensorInfo (someone calling the kernel function directly) is refused rather
 * than wrapped, because a wrapper would take a share of memory it does not own.
 */
export function asTensor4D(kernelName: string, name: string, info: tf.TensorInfo): tf.Tensor4D {
  if (info instanceof tf.Tensor && info.rank === 4) return info as tf.Tensor4D;
  throw new Error(`${kernelName}: input ${name} must be a 4-D tf.Tensor (called through tf.engine().runKernel), got shape [${info.shape.join(',')}]`);
}
