// tfjs-backend-wasm hands padding 'same' to XNNPACK as a flag and lets it
// work out the padding itself; where a stride leaves the last rows or
// columns unread (e.g. a 1×2 input, kernel 3×1, stride 2: tfjs pads nothing
// along the width) the result comes out all zeros. tfjs's own padding,
// passed explicitly, gives the right output; the gradients then follow.
import * as tf from '@tensorflow/tfjs';

type Shape4D = [number, number, number, number];
type ExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];

interface ConvAttrs {
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | ExplicitPadding;
  dilations?: number | [number, number];
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
  dataFormat?: string;
}

/** tfjs's 'same' padding of one convolution, as explicit [[0,0],[top,bottom],[left,right],[0,0]]. */
export function samePadding(xShape: readonly number[], filterShape: readonly number[], attrs: ConvAttrs, depthwise: boolean): ExplicitPadding {
  const info = tf.backend_util.computeConv2DInfo(xShape as Shape4D, filterShape as Shape4D, attrs.strides, attrs.dilations ?? 1, 'same', attrs.dimRoundingMode, depthwise);
  const p = info.padInfo;
  return [[0, 0], [p.top, p.bottom], [p.left, p.right], [0, 0]];
}

/** The backend's convolution kernel, with 'same' turned into tfjs's explicit padding (NHWC only; anything else passes through). */
export function explicitSamePadding(original: tf.KernelFunc, depthwise: boolean): tf.KernelFunc {
  return (args) => {
    const attrs = args.attrs as unknown as ConvAttrs;
    const x = args.inputs.x;
    const filter = args.inputs.filter;
    if (attrs.pad !== 'same' || !x || !filter || (attrs.dataFormat !== undefined && attrs.dataFormat !== 'NHWC')) return original(args);
    const pad = samePadding(x.shape, filter.shape, attrs, depthwise);
    return original({ ...args, attrs: { ...args.attrs, pad } as unknown as tf.NamedAttrMap });
  };
}
