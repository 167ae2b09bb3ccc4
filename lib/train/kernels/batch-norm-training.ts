// BatchNormalization in training on WASM: the forward pass (batch statistics
// and the normalized output) and the backward pass (through the statistics,
// closed form) each in two passes over the activation, on the WASM heap: the
// SIMD kernels (assembly/kernels.ts) where they load, JavaScript otherwise.
// The layer takes this path through withFusedTraining
// (lib/layers/shared/tfjs-batch-norm.ts) only where these kernels are registered.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { batchNormTrainingGradKernelName, batchNormTrainingKernelName } from '../../layers/shared/tfjs-batch-norm';
import { addressOf, heapBuffer, simdKernels, withScratch } from './simd';

export { batchNormTrainingGradKernelName, batchNormTrainingKernelName };

function heap(backend: BackendWasm, info: tf.TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}

function named(kernelName: string, inputs: tf.NamedTensorInfoMap, names: string[]): tf.TensorInfo[] {
  return names.map((name) => {
    const info = inputs[name];
    if (!info) throw new Error(`${kernelName}: missing input ${name}`);
    if (info.dtype !== 'float32') throw new Error(`${kernelName}: ${name} must be float32, got ${info.dtype}`);
    return info;
  });
}

/** Per channel of xs [rows, C]: Σa and Σa·b (b = null: Σa² ), a = xs − shift; in float64. */
export function channelSumsInJs(as: Float32Array, bs: Float32Array | null, shift: Float32Array | null, channels: number): [Float64Array, Float64Array] {
  const rows = as.length / channels;
  const first = new Float64Array(channels);
  const second = new Float64Array(channels);
  for (let r = 0; r < rows; r++) {
    const base = r * channels;
    for (let c = 0; c < channels; c++) {
      const a = as[base + c]! - (shift ? shift[c]! : 0);
      first[c]! += a;
      second[c]! += a * (bs ? bs[base + c]! : a);
    }
  }
  return [first, second];
}

/**
 * y = γ·(x − mean)/√(variance + ε) + β per channel of x [..., C], with the
 * batch's mean and (biased) variance. Sums of (x − the first row) keep
 * E[x²] − E[x]² accurate when the mean is far from zero.
 */
export const batchNormTrainingOnHeap: tf.KernelFunc = ({ inputs, backend: kernelBackend, attrs }) => {
  const backend = kernelBackend as BackendWasm;
  const [x, gamma, beta] = named(batchNormTrainingKernelName, inputs, ['x', 'gamma', 'beta']) as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
  const epsilon = (attrs as unknown as { epsilon: number }).epsilon;
  const channels = x.shape[x.shape.length - 1]!;
  const y = backend.makeOutput(x.shape, 'float32');
  const meanOut = backend.makeOutput([channels], 'float32');
  const varianceOut = backend.makeOutput([channels], 'float32');
  const rows = tf.util.sizeFromShape(x.shape) / channels;
  /** From the two sums: the outputs' statistics, and y = x·scale + offset. */
  const finish = (sum: Float64Array, squares: Float64Array, scale: Float32Array, offset: Float32Array) => {
    const xs = heap(backend, x);
    const gammas = heap(backend, gamma);
    const betas = heap(backend, beta);
    const means = heap(backend, meanOut);
    const variances = heap(backend, varianceOut);
    for (let c = 0; c < channels; c++) {
      const centered = sum[c]! / rows;
      const mean = xs[c]! + centered;
      const variance = Math.max(0, squares[c]! / rows - centered * centered);
      means[c] = mean;
      variances[c] = variance;
      scale[c] = gammas[c]! / Math.sqrt(variance + epsilon);
      offset[c] = betas[c]! - mean * scale[c]!;
    }
  };
  const simd = simdKernels(backend);
  if (simd) {
    // Scratch: Σ and Σ² (f64 [C] each), then scale and offset (f32 [C] each).
    withScratch(backend, 24 * channels, (acc) => {
      const sums = new Float64Array(heapBuffer(backend), acc, 2 * channels);
      sums.fill(0);
      const xAt = addressOf(backend, x);
      simd.batchNormSums(xAt, rows, channels, xAt, acc);
      const scale = new Float32Array(heapBuffer(backend), acc + 16 * channels, channels);
      const offset = new Float32Array(heapBuffer(backend), acc + 20 * channels, channels);
      finish(sums.subarray(0, channels), sums.subarray(channels), scale, offset);
      simd.channelAffine(xAt, addressOf(backend, y), rows, channels, acc + 16 * channels, acc + 20 * channels);
    });
    return [y, meanOut, varianceOut];
  }
  const xs = heap(backend, x);
  const [sum, squares] = channelSumsInJs(xs, null, xs.slice(0, channels), channels);
  const scale = new Float32Array(channels);
  const offset = new Float32Array(channels);
  finish(sum, squares, scale, offset);
  const ys = heap(backend, y);
  for (let r = 0; r < rows; r++) {
    const base = r * channels;
    for (let c = 0; c < channels; c++) ys[base + c] = xs[base + c]! * scale[c]! + offset[c]!;
  }
  return [y, meanOut, varianceOut];
};

/**
 * The gradient of the forward above, the batch statistics included:
 * dx = γ/σ·(dy − mean(dy) − x̂·mean(dy·x̂)) with x̂ = (x − mean)/σ, written as
 * A·dy + B·x + C per channel; dγ = Σdy·x̂, dβ = Σdy.
 */
export const batchNormTrainingGradOnHeap: tf.KernelFunc = ({ inputs, backend: kernelBackend, attrs }) => {
  const backend = kernelBackend as BackendWasm;
  const [x, dy, mean, variance, gamma] = named(batchNormTrainingGradKernelName, inputs, ['x', 'dy', 'mean', 'variance', 'gamma']) as tf.TensorInfo[];
  const epsilon = (attrs as unknown as { epsilon: number }).epsilon;
  const channels = x!.shape[x!.shape.length - 1]!;
  const dx = backend.makeOutput(x!.shape, 'float32');
  const dGammaOut = backend.makeOutput([channels], 'float32');
  const dBetaOut = backend.makeOutput([channels], 'float32');
  const rows = tf.util.sizeFromShape(x!.shape) / channels;
  /** From Σdy and Σdy·x: dγ, dβ, and dx = A·dy + B·x + C (abc: A, B, C consecutive). */
  const finish = (sumDy: Float64Array, sumDyX: Float64Array, abc: Float32Array) => {
    const means = heap(backend, mean!);
    const variances = heap(backend, variance!);
    const gammas = heap(backend, gamma!);
    const dGammas = heap(backend, dGammaOut);
    const dBetas = heap(backend, dBetaOut);
    for (let c = 0; c < channels; c++) {
      const inverseStd = 1 / Math.sqrt(variances[c]! + epsilon);
      const dGamma = (sumDyX[c]! - means[c]! * sumDy[c]!) * inverseStd;
      dGammas[c] = dGamma;
      dBetas[c] = sumDy[c]!;
      const a = gammas[c]! * inverseStd;
      abc[c] = a;
      abc[channels + c] = (-a * dGamma * inverseStd) / rows;
      abc[2 * channels + c] = a * ((means[c]! * dGamma * inverseStd) / rows - sumDy[c]! / rows);
    }
  };
  const simd = simdKernels(backend);
  if (simd) {
    // Scratch: Σdy and Σdy·x (f64 [C] each), then A, B, C (f32 [C] each).
    withScratch(backend, 28 * channels, (acc) => {
      const sums = new Float64Array(heapBuffer(backend), acc, 2 * channels);
      sums.fill(0);
      const [xAt, dyAt] = [addressOf(backend, x!), addressOf(backend, dy!)];
      simd.batchNormGradSums(xAt, dyAt, rows, channels, acc);
      finish(sums.subarray(0, channels), sums.subarray(channels), new Float32Array(heapBuffer(backend), acc + 16 * channels, 3 * channels));
      simd.batchNormGradApply(xAt, dyAt, addressOf(backend, dx), rows, channels, acc + 16 * channels);
    });
    return [dx, dGammaOut, dBetaOut];
  }
  const xs = heap(backend, x!);
  const dys = heap(backend, dy!);
  const [sumDy, sumDyX] = channelSumsInJs(dys, xs, null, channels);
  const abc = new Float32Array(3 * channels);
  finish(sumDy, sumDyX, abc);
  const dxs = heap(backend, dx);
  for (let r = 0; r < rows; r++) {
    const base = r * channels;
    for (let c = 0; c < channels; c++) dxs[base + c] = abc[c]! * dys[base + c]! + abc[channels + c]! * xs[base + c]! + abc[2 * channels + c]!;
  }
  return [dx, dGammaOut, dBetaOut];
};

/** The forward kernel's gradient (global, like every tfjs gradient; the kernel exists only where we register it). Idempotent. */
export function registerBatchNormTrainingGradient(): void {
  if (tf.getGradient(batchNormTrainingKernelName)) return;
  tf.registerGradient({
    kernelName: batchNormTrainingKernelName,
    inputsToSave: ['x', 'gamma'],
    outputsToSave: [false, true, true],
    // The batch mean and variance outputs only feed the moving averages, never the loss: their gradients are zeros.
    gradFunc: (dys, saved, attrs) => {
      const dy = Array.isArray(dys) ? dys[0]! : dys;
      const [x, gamma, mean, variance] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
      const [dx, dGamma, dBeta] = tf.engine().runKernel(batchNormTrainingGradKernelName, { x, dy, mean, variance, gamma }, attrs) as tf.Tensor[];
      return { x: () => dx!, gamma: () => dGamma!, beta: () => dBeta! };
    },
  });
}
