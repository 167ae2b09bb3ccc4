// BatchNormalization in training on WASM: the forward pass (batch statistics
// and the normalized output) and the backward pass (through the statistics,
// closed form) each in two passes over the activation, in JavaScript on the
// WASM heap. The layer takes this path through withFusedTraining
// (lib/layers/shared/tfjs-batch-norm.ts) only where these kernels are registered.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { batchNormTrainingGradKernelName, batchNormTrainingKernelName } from '../../layers/shared/tfjs-batch-norm';

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

/** y = γ·(x − mean)/√(variance + ε) + β per channel of x [..., C], with the batch's mean and (biased) variance. */
export const batchNormTrainingOnHeap: tf.KernelFunc = ({ inputs, backend: kernelBackend, attrs }) => {
  const backend = kernelBackend as BackendWasm;
  const [x, gamma, beta] = named(batchNormTrainingKernelName, inputs, ['x', 'gamma', 'beta']) as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
  const epsilon = (attrs as unknown as { epsilon: number }).epsilon;
  const channels = x.shape[x.shape.length - 1]!;
  const y = backend.makeOutput(x.shape, 'float32');
  const meanOut = backend.makeOutput([channels], 'float32');
  const varianceOut = backend.makeOutput([channels], 'float32');
  // Views only after every allocation: makeOutput may grow the heap.
  const xs = heap(backend, x);
  const ys = heap(backend, y);
  const gammas = heap(backend, gamma);
  const betas = heap(backend, beta);
  const means = heap(backend, meanOut);
  const variances = heap(backend, varianceOut);
  const rows = xs.length / channels;
  // Sums of (x − the first row) keep E[x²] − E[x]² accurate when the mean is far from zero.
  const shift = xs.slice(0, channels);
  const sum = new Float64Array(channels);
  const sumSquares = new Float64Array(channels);
  let r = 0;
  for (; r + 2 <= rows; r += 2) {
    const a = r * channels;
    const b = a + channels;
    for (let c = 0; c < channels; c++) {
      const da = xs[a + c]! - shift[c]!;
      const db = xs[b + c]! - shift[c]!;
      sum[c]! += da + db;
      sumSquares[c]! += da * da + db * db;
    }
  }
  for (; r < rows; r++) {
    const a = r * channels;
    for (let c = 0; c < channels; c++) {
      const d = xs[a + c]! - shift[c]!;
      sum[c]! += d;
      sumSquares[c]! += d * d;
    }
  }
  const scale = new Float32Array(channels);
  const offset = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    const centered = sum[c]! / rows;
    const mean = shift[c]! + centered;
    const variance = Math.max(0, sumSquares[c]! / rows - centered * centered);
    means[c] = mean;
    variances[c] = variance;
    scale[c] = gammas[c]! / Math.sqrt(variance + epsilon);
    offset[c] = betas[c]! - mean * scale[c]!;
  }
  for (let row = 0; row < rows; row++) {
    const base = row * channels;
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
  const xs = heap(backend, x!);
  const dys = heap(backend, dy!);
  const means = heap(backend, mean!);
  const variances = heap(backend, variance!);
  const gammas = heap(backend, gamma!);
  const dxs = heap(backend, dx);
  const dGammas = heap(backend, dGammaOut);
  const dBetas = heap(backend, dBetaOut);
  const rows = xs.length / channels;
  const sumDy = new Float64Array(channels);
  const sumDyX = new Float64Array(channels);
  let r = 0;
  for (; r + 2 <= rows; r += 2) {
    const a = r * channels;
    const b = a + channels;
    for (let c = 0; c < channels; c++) {
      const ga = dys[a + c]!;
      const gb = dys[b + c]!;
      sumDy[c]! += ga + gb;
      sumDyX[c]! += ga * xs[a + c]! + gb * xs[b + c]!;
    }
  }
  for (; r < rows; r++) {
    const a = r * channels;
    for (let c = 0; c < channels; c++) {
      const g = dys[a + c]!;
      sumDy[c]! += g;
      sumDyX[c]! += g * xs[a + c]!;
    }
  }
  const A = new Float32Array(channels);
  const B = new Float32Array(channels);
  const C = new Float32Array(channels);
  for (let c = 0; c < channels; c++) {
    const inverseStd = 1 / Math.sqrt(variances[c]! + epsilon);
    const dGamma = (sumDyX[c]! - means[c]! * sumDy[c]!) * inverseStd;
    dGammas[c] = dGamma;
    dBetas[c] = sumDy[c]!;
    const a = gammas[c]! * inverseStd;
    A[c] = a;
    B[c] = (-a * dGamma * inverseStd) / rows;
    C[c] = a * ((means[c]! * dGamma * inverseStd) / rows - sumDy[c]! / rows);
  }
  for (let row = 0; row < rows; row++) {
    const base = row * channels;
    for (let c = 0; c < channels; c++) dxs[base + c] = A[c]! * dys[base + c]! + B[c]! * xs[base + c]! + C[c]!;
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
