// BatchNormalization in training on WASM as one kernel forward and one
// backward (lib/train/kernels/batch-norm-training.ts), instead of tfjs's
// moments (Mean, Sub, Square, Mean) and FusedBatchNorm forward, whose backward
// builds a dozen full-size tensors (two of them arrays of ones made in
// JavaScript). The layer stays tfjs's own: same weights, config, inference
// and serialization; only `call` with training on WASM takes the fused path,
// and only when the project's kernels are registered there.
import * as tf from '@tensorflow/tfjs';

/** Forward: inputs x [..., C], gamma [C], beta [C]; attr epsilon; outputs y, batch mean [C], batch variance [C] (biased, as tfjs's moments). */
export const batchNormTrainingKernelName = 'CnnStudioBatchNormTraining';
/** Backward: inputs x, dy, mean, variance, gamma; attr epsilon; outputs dx (through the batch statistics too), dGamma, dBeta. */
export const batchNormTrainingGradKernelName = 'CnnStudioBatchNormTrainingGrad';

interface LayerVariableLike {
  read(): tf.Tensor;
  write(value: tf.Tensor): void;
}

/** The fields of tfjs's BatchNormalization layer the fused path reads (protected in its types). */
interface BatchNormInternals {
  axis: number;
  momentum: number;
  epsilon: number;
  gamma: LayerVariableLike | null;
  beta: LayerVariableLike | null;
  movingMean: LayerVariableLike;
  movingVariance: LayerVariableLike;
}

type Call = (inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>) => tf.Tensor | tf.Tensor[];

function fusedApplies(input: tf.Tensor, layer: BatchNormInternals): boolean {
  return (
    tf.getBackend() === 'wasm' &&
    tf.getKernel(batchNormTrainingKernelName, 'wasm') !== undefined &&
    input.dtype === 'float32' &&
    input.rank >= 2 &&
    (layer.axis === -1 || layer.axis === input.rank - 1) &&
    layer.gamma !== null &&
    layer.beta !== null
  );
}

/** As tfjs's doMovingAverage: moving − (moving − value)·(1 − momentum). */
function moveTowards(variable: LayerVariableLike, value: tf.Tensor, momentum: number): void {
  tf.tidy(() => {
    const current = variable.read();
    variable.write(tf.sub(current, tf.mul(tf.sub(current, value), 1 - momentum)));
  });
}

/** Gives a tfjs BatchNormalization layer the fused training path on WASM; everything else stays tfjs's. */
export function withFusedTraining(layer: tf.layers.Layer): tf.layers.Layer {
  const internals = layer as unknown as BatchNormInternals & { call: Call };
  const stock: Call = internals.call.bind(layer);
  internals.call = (inputs, kwargs) => {
    const input = Array.isArray(inputs) ? inputs[0] : inputs;
    if (kwargs['training'] !== true || !input || !fusedApplies(input, internals)) return stock(inputs, kwargs);
    return tf.tidy(() => {
      const [y, mean, variance] = tf.engine().runKernel(
        batchNormTrainingKernelName,
        { x: input, gamma: internals.gamma!.read(), beta: internals.beta!.read() },
        { epsilon: internals.epsilon },
      ) as tf.Tensor[];
      moveTowards(internals.movingMean, mean!, internals.momentum);
      moveTowards(internals.movingVariance, variance!, internals.momentum);
      return y!;
    });
  };
  return layer;
}
