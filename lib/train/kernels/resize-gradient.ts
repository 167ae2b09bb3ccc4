// The gradients of image resizing (UpSampling2D's backward pass).
//
// tfjs 4.22's ResizeNearestNeighborGrad is wrong on the CPU backend for every
// batch item after the first (it reads dy at the images' batch offset) and on
// WASM with alignCorners when a side is 1: ours replaces both, the plain
// transpose of the forward mapping (tested with <resize(x), dy> = <x, dx>).
// tfjs-backend-cpu 4.22's ResizeBilinearGrad computes the right values but
// labels them [batch, width, height, depth], which breaks the backward pass
// of any non-square image; the CPU wrapper below gives them the images' shape.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

interface ResizeGradAttrs {
  alignCorners: boolean;
  halfPixelCenters?: boolean;
}

function input(kernelName: string, inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo {
  const t = inputs[name];
  if (!t) throw new Error(`${kernelName}: missing input ${name}`);
  return t;
}

/**
 * The source row (or column) of each output row under nearest-neighbour
 * resizing, exactly as tfjs's ResizeNearestNeighbor picks it (tfjs-backend-cpu).
 */
export function nearestSources(inSize: number, outSize: number, alignCorners: boolean, halfPixelCenters: boolean): Int32Array {
  const effectiveIn = alignCorners && outSize > 1 ? inSize - 1 : inSize;
  const effectiveOut = alignCorners && outSize > 1 ? outSize - 1 : outSize;
  const scale = effectiveIn / effectiveOut;
  const sources = new Int32Array(outSize);
  for (let o = 0; o < outSize; o++) {
    const fraction = halfPixelCenters ? scale * (o + 0.5) : scale * o;
    let source = Math.min(inSize - 1, alignCorners ? Math.round(fraction) : Math.floor(fraction));
    if (halfPixelCenters) source = Math.max(0, source);
    sources[o] = source;
  }
  return sources;
}

/** dx[n, src(r), src(c), d] += dy[n, r, c, d]: the transpose of the forward pass. `dx` must start at zero. */
function nearestGradInto(dx: Float32Array, dy: Float32Array, imagesShape: readonly number[], dyShape: readonly number[], attrs: ResizeGradAttrs): void {
  const [batch, inHeight, inWidth, depth] = imagesShape as [number, number, number, number];
  const [, outHeight, outWidth] = dyShape as [number, number, number, number];
  const halfPixelCenters = attrs.halfPixelCenters ?? false;
  const rows = nearestSources(inHeight, outHeight, attrs.alignCorners, halfPixelCenters);
  const columns = nearestSources(inWidth, outWidth, attrs.alignCorners, halfPixelCenters);
  let from = 0;
  for (let n = 0; n < batch; n++) {
    for (let r = 0; r < outHeight; r++) {
      const rowBase = (n * inHeight + rows[r]!) * inWidth;
      for (let c = 0; c < outWidth; c++) {
        const to = (rowBase + columns[c]!) * depth;
        for (let d = 0; d < depth; d++) dx[to + d]! += dy[from++]!;
      }
    }
  }
}

function resizeGradInputs(args: Parameters<tf.KernelFunc>[0]) {
  const images = input('ResizeNearestNeighborGrad', args.inputs, 'images');
  const dy = input('ResizeNearestNeighborGrad', args.inputs, 'dy');
  if (dy.dtype !== 'float32') throw new Error(`ResizeNearestNeighborGrad: expects a float32 dy, got ${dy.dtype}`);
  return { images, dy, attrs: args.attrs as unknown as ResizeGradAttrs };
}

/** On WASM, straight on the heap (tfjs's kernel there is wrong with alignCorners when a side is 1). */
export const resizeNearestNeighborGradOnHeap: tf.KernelFunc = (args) => {
  const backend = args.backend as BackendWasm;
  const { images, dy, attrs } = resizeGradInputs(args);
  const dx = backend.makeOutput([...images.shape], 'float32');
  // Monomorphic Float32Array views keep the loop on V8's fast path.
  const dxs = backend.typedArrayFromHeap(dx) as Float32Array;
  dxs.fill(0);
  nearestGradInto(dxs, backend.typedArrayFromHeap(dy) as Float32Array, images.shape, dy.shape, attrs);
  return dx;
};

interface CpuBackendData {
  data: { get(dataId: tf.DataId): { values: Float32Array } };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values: Float32Array): tf.TensorInfo;
}

/** On the CPU backend (tfjs's kernel there reads dy at the images' batch offset, so every batch item after the first is wrong). */
export const resizeNearestNeighborGradOnCpu: tf.KernelFunc = (args) => {
  const backend = args.backend as unknown as CpuBackendData;
  const { images, dy, attrs } = resizeGradInputs(args);
  const dx = new Float32Array(images.shape.reduce((a, b) => a * b, 1));
  nearestGradInto(dx, backend.data.get(dy.dataId).values, images.shape, dy.shape, attrs);
  return backend.makeTensorInfo([...images.shape], 'float32', dx);
};

/** tfjs's CPU ResizeBilinearGrad with its output labelled with the images' shape (its values are laid out that way already). */
export function resizeBilinearGradShaped(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const images = input('ResizeBilinearGrad', args.inputs, 'images');
    const out = original(args) as tf.TensorInfo;
    return { dataId: out.dataId, shape: [...images.shape], dtype: out.dtype };
  };
}
