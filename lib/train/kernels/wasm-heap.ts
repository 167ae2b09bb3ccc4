// Kernels for the WASM backend written in JavaScript straight on the WASM
// heap, for ops whose built-in version is a slow generic loop and which the
// training step hits on large tensors: Tile (BatchNormalization's gradient
// tiles its scale to the whole activation), Sum/Mean over the leading axes
// (bias and BatchNormalization gradients, batch statistics) and MaxPoolGrad
// (2×2 windows at stride 2 by the SIMD kernel of assembly/kernels.ts).
// Each one handles the common case and hands anything else to the original.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { addressOf, simdKernels } from './simd';

type Heap = Float32Array | Int32Array | Uint8Array;

function heapOf(backend: BackendWasm, info: tf.TensorInfo): Heap {
  return backend.typedArrayFromHeap(info) as Heap;
}

function input(kernelName: string, inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo {
  const t = inputs[name];
  if (!t) throw new Error(`${kernelName}: missing input ${name}`);
  return t;
}

function sizeOf(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/**
 * Identity without a copy: the engine clones every tensor a gradient will
 * need (over a hundred per training step), and WASM's Identity copies the
 * memory each time. Tensors are immutable, so sharing it, counted like
 * Reshape does, is what the CPU and WebGL backends do too.
 */
export function identitySharing(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const backend = args.backend as BackendWasm;
    const x = input('Identity', args.inputs, 'x');
    if (x.dtype === 'string') return original(args);
    backend.incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };
}

/** Cast to the dtype it already has (ReLU's gradient casts step(x), a float32, to float32): share instead of copying. */
export function castSharing(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const x = input('Cast', args.inputs, 'x');
    const { dtype } = args.attrs as unknown as { dtype: tf.DataType };
    if (dtype !== x.dtype || x.dtype === 'string') return original(args);
    (args.backend as BackendWasm).incRef(x.dataId);
    return { dataId: x.dataId, shape: [...x.shape], dtype: x.dtype };
  };
}

/**
 * BatchMatMul with transposeA/transposeB: WASM's kernel takes a slow path for
 * transposed operands (Dense layers' gradients use both); transposing first
 * and multiplying plainly measured 2–3× faster.
 */
export function matMulTransposingFirst(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const { a, b } = args.inputs;
    const attrs = args.attrs as unknown as { transposeA: boolean; transposeB: boolean };
    if ((!attrs.transposeA && !attrs.transposeB) || !(a instanceof tf.Tensor) || !(b instanceof tf.Tensor) || a.rank < 2 || b.rank < 2) return original(args);
    const swapLast = (t: tf.Tensor) => tf.transpose(t, [...t.shape.keys()].map((i) => (i === t.rank - 2 ? t.rank - 1 : i === t.rank - 1 ? t.rank - 2 : i)));
    const plainA = attrs.transposeA ? swapLast(a) : a;
    const plainB = attrs.transposeB ? swapLast(b) : b;
    try {
      return original({ ...args, inputs: { a: plainA, b: plainB }, attrs: { ...args.attrs, transposeA: false, transposeB: false } });
    } finally {
      if (plainA !== a) plainA.dispose();
      if (plainB !== b) plainB.dispose();
    }
  };
}

/** Repeats the filled part [start, start+filled) until `total` elements from start are written: log2(copies) copies. */
function repeatInPlace(buffer: Heap, start: number, filled: number, total: number): void {
  let done = filled;
  while (done < total) {
    const chunk = Math.min(done, total - done);
    buffer.copyWithin(start + done, start, start + chunk);
    done += chunk;
  }
}

/** True when every tiled axis has only size-1 axes before it (and itself is 1): the output is x repeated end to end. */
function repeatsWholeBlock(shape: readonly number[], reps: readonly number[]): boolean {
  let lastTiled = -1;
  reps.forEach((r, i) => {
    if (r !== 1) lastTiled = i;
  });
  return shape.slice(0, lastTiled + 1).every((d) => d === 1);
}

/**
 * Tile, one axis at a time from the innermost: each block already tiled
 * below an axis is copied reps times. The work is a few memory copies
 * instead of an index computation per element.
 */
export function tileOnHeap(original: tf.KernelFunc): tf.KernelFunc {
  return (args) => {
    const backend = args.backend as BackendWasm;
    const x = input('Tile', args.inputs, 'x');
    const reps = (args.attrs as unknown as { reps: number[] }).reps;
    if (x.dtype === 'string' || x.dtype === 'complex64' || reps.length !== x.shape.length) return original(args);
    const outShape = x.shape.map((d, i) => d * reps[i]!);
    const out = backend.makeOutput(outShape, x.dtype);
    if (sizeOf(outShape) === 0) return out;
    // Views after makeOutput: allocating can grow (and so replace) the heap.
    const source = heapOf(backend, x);
    const target = heapOf(backend, out);
    if (repeatsWholeBlock(x.shape, reps)) {
      // [1,1,1,c] tiled to [n,h,w,c] (BatchNormalization's gradient): x's data end to end.
      target.set(source);
      repeatInPlace(target, 0, source.length, target.length);
      return out;
    }
    let current: Heap = source;
    const shape = [...x.shape];
    for (let axis = shape.length - 1; axis >= 0; axis--) {
      const times = reps[axis]!;
      if (times === 1) continue;
      const block = sizeOf(shape.slice(axis));
      const outer = sizeOf(shape.slice(0, axis));
      const next = new (current.constructor as new (n: number) => Heap)(outer * block * times);
      for (let o = 0; o < outer; o++) {
        const start = o * block * times;
        next.set(current.subarray(o * block, (o + 1) * block), start);
        repeatInPlace(next, start, block, block * times);
      }
      current = next;
      shape[axis] = shape[axis]! * times;
    }
    target.set(current);
    return out;
  };
}

/** How many leading axes `axis` names, when it names exactly some leading axes but not all; else null. */
function leadingAxisCount(shape: readonly number[], axis: number | number[]): number | null {
  const axes = [...new Set(tf.util.parseAxisParam(axis, [...shape]))].sort((a, b) => a - b);
  if (axes.length === 0 || axes.length === shape.length) return null;
  return axes.every((a, i) => a === i) ? axes.length : null;
}

/**
 * Sum or mean over the leading axes ([batch, h, w, c] -> [c]). The built-in
 * reduces only innermost axes, so it first transposes the whole tensor; a
 * matmul with ones repacks its operand every call. A JS loop over four rows
 * at a time measured fastest (about 7× the built-in).
 */
export function reduceLeadingOnHeap(original: tf.KernelFunc, kind: 'sum' | 'mean'): tf.KernelFunc {
  return (args) => {
    const backend = args.backend as BackendWasm;
    const x = input(kind === 'sum' ? 'Sum' : 'Mean', args.inputs, 'x');
    const { axis, keepDims } = args.attrs as unknown as { axis: number | number[]; keepDims: boolean };
    const count = x.dtype === 'float32' && sizeOf(x.shape) > 0 ? leadingAxisCount(x.shape, axis) : null;
    if (count === null) return original(args);
    const kept = x.shape.slice(count);
    const rows = sizeOf(x.shape.slice(0, count));
    const cols = sizeOf(kept);
    const out = backend.makeOutput(keepDims ? [...x.shape.slice(0, count).map(() => 1), ...kept] : kept, 'float32');
    const source = heapOf(backend, x) as Float32Array;
    const target = heapOf(backend, out) as Float32Array;
    // Partial sums in float64 (JS numbers): 32 images of 28×28 add 25,088 values per channel.
    const total = new Float64Array(cols);
    let r = 0;
    for (; r + 4 <= rows; r += 4) {
      const o0 = r * cols;
      const o1 = o0 + cols;
      const o2 = o1 + cols;
      const o3 = o2 + cols;
      for (let c = 0; c < cols; c++) total[c]! += source[o0 + c]! + source[o1 + c]! + (source[o2 + c]! + source[o3 + c]!);
    }
    for (; r < rows; r++) {
      const o = r * cols;
      for (let c = 0; c < cols; c++) total[c]! += source[o + c]!;
    }
    const scale = kind === 'mean' ? 1 / rows : 1;
    for (let c = 0; c < cols; c++) target[c] = total[c]! * scale;
    return out;
  };
}

interface MaxPoolGradAttrs {
  filterSize: number | [number, number];
  strides: number | [number, number];
  pad: 'valid' | 'same' | number | tf.backend_util.ExplicitPadding;
  dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/**
 * MaxPoolGrad: each window sends its output gradient to the first position
 * (row-major) holding the window's maximum, as tfjs's CPU kernel does (it
 * differs only for windows whose values are all NaN or −∞, which get no
 * gradient there and give it to the first position here).
 * Windows are scanned per channel vector, which keeps memory access linear.
 */
export const maxPoolGradOnHeap: tf.KernelFunc = (args) => {
  const backend = args.backend as BackendWasm;
  const dy = input('MaxPoolGrad', args.inputs, 'dy');
  const x = input('MaxPoolGrad', args.inputs, 'input');
  const attrs = args.attrs as unknown as MaxPoolGradAttrs;
  const info = tf.backend_util.computePool2DInfo(x.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
  const dx = backend.makeOutput(x.shape, 'float32');
  if (x.dtype !== 'float32' || dy.dtype !== 'float32') throw new Error(`MaxPoolGrad: expects float32 tensors, got ${x.dtype} and ${dy.dtype}`);
  // Monomorphic Float32Array views keep the loops below on V8's fast path.
  const xs = heapOf(backend, x) as Float32Array;
  const dys = heapOf(backend, dy) as Float32Array;
  const dxs = heapOf(backend, dx) as Float32Array;
  const { batchSize, inHeight, inWidth, outHeight, outWidth, strideHeight, strideWidth, filterHeight, filterWidth } = info;
  const channels = info.inChannels;
  const padTop = info.padInfo.top;
  const padLeft = info.padInfo.left;
  // 2×2 windows at stride 2 from the top left: the SIMD kernel, where it loads (the loop below otherwise).
  const simd = filterHeight === 2 && filterWidth === 2 && strideHeight === 2 && strideWidth === 2 && padTop === 0 && padLeft === 0 ? simdKernels(backend) : null;
  if (simd) {
    // Input rows and columns past the last window ('valid' on an odd side) get no gradient.
    if (outHeight * 2 < inHeight || outWidth * 2 < inWidth) dxs.fill(0);
    simd.maxPoolGrad2x2(addressOf(backend, x), addressOf(backend, dy), addressOf(backend, dx), batchSize, inHeight, inWidth, outHeight, outWidth, channels);
    return dx;
  }
  dxs.fill(0);
  const best = new Float32Array(channels);
  const where = new Int32Array(channels);
  for (let n = 0; n < batchSize; n++) {
    for (let oy = 0; oy < outHeight; oy++) {
      const yStart = oy * strideHeight - padTop;
      const yFrom = Math.max(0, yStart);
      const yTo = Math.min(inHeight, yStart + filterHeight);
      for (let ox = 0; ox < outWidth; ox++) {
        const xStart = ox * strideWidth - padLeft;
        const xFrom = Math.max(0, xStart);
        const xTo = Math.min(inWidth, xStart + filterWidth);
        // Start from the window's first position: its values are the maxima so far.
        if (yFrom >= yTo || xFrom >= xTo) continue;
        const firstBase = ((n * inHeight + yFrom) * inWidth + xFrom) * channels;
        for (let c = 0; c < channels; c++) {
          best[c] = xs[firstBase + c]!;
          where[c] = firstBase + c;
        }
        for (let y = yFrom; y < yTo; y++) {
          for (let xx = y === yFrom ? xFrom + 1 : xFrom; xx < xTo; xx++) {
            const base = ((n * inHeight + y) * inWidth + xx) * channels;
            for (let c = 0; c < channels; c++) {
              const v = xs[base + c]!;
              if (v > best[c]!) {
                best[c] = v;
                where[c] = base + c;
              }
            }
          }
        }
        const dyBase = ((n * outHeight + oy) * outWidth + ox) * channels;
        for (let c = 0; c < channels; c++) dxs[where[c]!]! += dys[dyBase + c]!;
      }
    }
  }
  return dx;
};
