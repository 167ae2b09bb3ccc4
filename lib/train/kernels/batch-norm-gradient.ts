// BatchNormalization's gradient on WASM in two passes over the activation
// instead of tfjs's fourteen (it builds xMinusMean, dy·scale, a tiled 1/σ and
// one product per output as full-size tensors). The gradient registry is
// global, so the replacement dispatches: WASM with our kernel registered gets
// the fast path, every other backend tfjs's own gradient, unchanged.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { channelSumsInJs } from './batch-norm-training';

/** Our kernel: inputs x, dy, mean, variance, scale (optional); outputs dx, dMean, dVariance, dScale, dOffset. */
export const batchNormGradKernelName = 'CnnStudioFusedBatchNormGrad';

const projectMark = Symbol.for('cnn-studio.projectGradient');

function heap(backend: BackendWasm, info: tf.TensorInfo): Float32Array {
  return backend.typedArrayFromHeap(info) as Float32Array;
}

/** Per channel c of x [..., C] with mean/variance/scale [C]. */
export const batchNormGradOnHeap: tf.KernelFunc = ({ inputs, backend: kernelBackend, attrs }) => {
  const backend = kernelBackend as BackendWasm;
  const { x, dy, mean, variance, scale } = inputs;
  if (!x || !dy || !mean || !variance) throw new Error(`${batchNormGradKernelName}: needs x, dy, mean and variance`);
  const epsilon = (attrs as unknown as { varianceEpsilon: number }).varianceEpsilon;
  const channels = mean.shape[0]!;
  const dx = backend.makeOutput(x.shape, 'float32');
  const perChannel = () => backend.makeOutput([channels], 'float32');
  const [dMean, dVariance, dScale, dOffset] = [perChannel(), perChannel(), perChannel(), perChannel()];
  // Views only after every allocation: makeOutput may grow the heap.
  const xs = heap(backend, x);
  const dys = heap(backend, dy);
  const means = heap(backend, mean);
  const variances = heap(backend, variance);
  const scales = scale ? heap(backend, scale) : null;
  const dxs = heap(backend, dx);
  const rows = xs.length / channels;
  // Σdy and Σdy·x per channel; Σdy·(x−mean) = Σdy·x − mean·Σdy below.
  const [sumDy, sumDyX] = channelSumsInJs(dys, xs, null, channels);
  const sumDyCentered = new Float64Array(channels);
  for (let c = 0; c < channels; c++) sumDyCentered[c] = sumDyX[c]! - means[c]! * sumDy[c]!;
  const factor = new Float32Array(channels); // scale / σ
  const outMean = heap(backend, dMean);
  const outVariance = heap(backend, dVariance);
  const outScale = heap(backend, dScale);
  const outOffset = heap(backend, dOffset);
  for (let c = 0; c < channels; c++) {
    const inverseStd = 1 / Math.sqrt(variances[c]! + epsilon);
    const s = scales ? scales[c]! : 1;
    factor[c] = s * inverseStd;
    outMean[c] = -inverseStd * s * sumDy[c]!;
    outVariance[c] = -0.5 * inverseStd * inverseStd * inverseStd * s * sumDyCentered[c]!;
    outScale[c] = inverseStd * sumDyCentered[c]!;
    outOffset[c] = sumDy[c]!;
  }
  for (let r = 0; r < rows; r++) {
    const base = r * channels;
    for (let c = 0; c < channels; c++) dxs[base + c] = dys[base + c]! * factor[c]!;
  }
  return [dx, dMean, dVariance, dScale, dOffset];
};

/** The cases the fast path covers: per-channel statistics [C] over a channels-last x. */
function fastPathApplies(dy: tf.Tensor, x: tf.Tensor, mean: tf.Tensor, variance: tf.Tensor, scale: tf.Tensor | undefined): boolean {
  if (tf.getBackend() !== 'wasm' || !tf.getKernel(batchNormGradKernelName, 'wasm')) return false;
  const channels = x.shape[x.rank - 1];
  const perChannel = (t: tf.Tensor) => t.rank === 1 && t.shape[0] === channels;
  return (
    x.rank >= 2 &&
    x.dtype === 'float32' &&
    dy.dtype === 'float32' &&
    tf.util.arraysEqual(dy.shape, x.shape) &&
    perChannel(mean) &&
    perChannel(variance) &&
    (scale === undefined || perChannel(scale))
  );
}

/** Wraps tfjs's FusedBatchNorm gradient with the WASM fast path. Idempotent. */
export function registerBatchNormGradient(): void {
  const original = tf.getGradient('FusedBatchNorm') as (tf.GradConfig & { [projectMark]?: true }) | undefined;
  if (!original || original[projectMark]) return;
  const stock = original.gradFunc;
  const config: tf.GradConfig & { [projectMark]?: true } = {
    ...original,
    [projectMark]: true,
    gradFunc: (dy, saved, attrs) => {
      const [x, mean, variance, scale] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor | undefined];
      const g = Array.isArray(dy) ? dy[0]! : dy;
      if (!fastPathApplies(g, x, mean, variance, scale)) return stock(dy, saved, attrs);
      const inputs: tf.NamedTensorMap = { x, dy: g, mean, variance };
      if (scale) inputs.scale = scale;
      const [dx, dMean, dVariance, dScale, dOffset] = tf.engine().runKernel(batchNormGradKernelName, inputs, attrs) as tf.Tensor[];
      return { x: () => dx!, mean: () => dMean!, variance: () => dVariance!, scale: () => dScale!, offset: () => dOffset! };
    },
  };
  tf.unregisterGradient('FusedBatchNorm');
  tf.registerGradient(config);
}
