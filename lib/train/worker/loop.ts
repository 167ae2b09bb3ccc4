import * as tf from '@tensorflow/tfjs';
import { batchTensors, type ImageSource, type SplitPlan } from './batches';
import type { Hyperparameters, OptimizerName } from '../page/hyperparameters';
import type { BatchMetrics, BatchProgress, EpochMetrics } from '../metrics';
import { seededRandom, shuffleInPlace } from '../../random';
import { yieldToEvents } from './yield';
import { fusedAdam } from '../kernels/adam';

/** How often per-batch metrics are read back from the device: never every batch (that stalls the GPU). */
const METRICS_EVERY_BATCHES = 5;

/** The loss stopped being a number: the weights blew up, usually from too high a learning rate. */
export class DivergedError extends Error {
  override readonly name = 'DivergedError';
  constructor(
    readonly epoch: number,
    readonly batch: number,
    readonly learningRate: number,
    readonly value: number,
  ) {
    super(
      `The loss became ${value} at epoch ${epoch + 1}${batch > 0 ? `, batch ${batch}` : ''}: the weights blew up at learning rate ${learningRate}. ` +
        'Train again with a lower learning rate (e.g. a tenth of it); BatchNormalization also helps.',
    );
  }
}

export interface LoopControl {
  stopRequested(): boolean;
  /** Resolves at once unless paused; then when resumed (or stopped). */
  waitWhilePaused(): Promise<void>;
}

interface LoopCallbacks {
  onBatch?(progress: BatchProgress): void;
  onBatchMetrics?(metrics: BatchMetrics): void;
  /** Awaited, so a run's record is written before the next epoch starts. */
  onEpoch?(metrics: EpochMetrics): void | Promise<void>;
  /** Called once the training images of an epoch are done, before validation. */
  onValidating?(epoch: number): void;
}

export interface TrainingData {
  source: ImageSource;
  split: SplitPlan;
  numClasses: number;
  /** The model's input shape without the batch dimension. */
  inputShape: readonly number[];
}

export function makeOptimizer(name: OptimizerName, learningRate: number): tf.Optimizer {
  switch (name) {
    case 'adam':
      // tf.train.adam's optimizer, with one fused update per weight on WASM.
      return fusedAdam(learningRate);
    case 'sgd':
      return tf.train.sgd(learningRate);
    case 'rmsprop':
      return tf.train.rmsprop(learningRate);
  }
}

/** Mean categorical cross-entropy of softmax outputs [batch, classes] against integer labels [batch]. */
function crossEntropy(probabilities: tf.Tensor, labels: tf.Tensor1D, numClasses: number): tf.Scalar {
  return tf.tidy(() => {
    const oneHot = tf.oneHot(labels, numClasses);
    const clipped = tf.clipByValue(probabilities, 1e-7, 1 - 1e-7);
    return tf.neg(tf.mean(tf.sum(tf.mul(oneHot, tf.log(clipped)), -1))) as tf.Scalar;
  });
}

function correctCount(probabilities: tf.Tensor, labels: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.cast(tf.equal(tf.argMax(probabilities, -1), labels), 'float32')) as tf.Scalar);
}

/**
 * The batch loop: our own instead of model.fit so that pause and stop act
 * between batches, metrics are read a few batches at a time with `await
 * data()`, and "train N more epochs" continues the same model and optimizer.
 * Runs in a Worker in the app and in node in tests (no DOM, no Worker).
 */
export class TrainingLoop {
  /** Epochs finished so far, across every call to train(). */
  epochsDone = 0;
  private readonly optimizer: tf.Optimizer;
  private readonly random: () => number;

  constructor(
    private readonly model: tf.LayersModel,
    private readonly data: TrainingData,
    private readonly hp: Hyperparameters,
  ) {
    this.optimizer = makeOptimizer(hp.optimizer, hp.learningRate);
    this.random = seededRandom(hp.seed);
  }

  /** Trains `epochs` more epochs; 'stopped' when stop was requested (the model keeps what it learned). */
  async train(epochs: number, control: LoopControl, callbacks: LoopCallbacks = {}): Promise<'completed' | 'stopped'> {
    const target = this.epochsDone + epochs;
    while (this.epochsDone < target) {
      const outcome = await this.trainEpoch(this.epochsDone, control, callbacks);
      if (outcome === 'stopped') return 'stopped';
      this.epochsDone++;
    }
    return 'completed';
  }

  dispose(): void {
    this.optimizer.dispose();
  }

  private async trainEpoch(epoch: number, control: LoopControl, callbacks: LoopCallbacks): Promise<'done' | 'stopped'> {
    const { split, source, numClasses, inputShape } = this.data;
    const order = Int32Array.from(split.train);
    if (this.hp.shuffle) shuffleInPlace(order, this.random);
    const batchSize = this.hp.batchSize;
    const batches = Math.ceil(order.length / batchSize);
    const started = performance.now();
    let pausedMs = 0;
    // Per-batch scalars waiting to be read: [loss, correct, size].
    let pending: Array<{ loss: tf.Scalar; correct: tf.Scalar; size: number }> = [];
    let pendingFirst = 0;
    let lossSum = 0;
    let correctSum = 0;
    let seen = 0;
    const vars = this.model.trainableWeights.map((w) => w.read() as tf.Variable);

    const flush = async () => {
      if (pending.length === 0) return;
      const group = pending;
      pending = [];
      const stacked = tf.tidy(() => tf.stack([...group.map((p) => p.loss), ...group.map((p) => p.correct)]));
      for (const p of group) {
        p.loss.dispose();
        p.correct.dispose();
      }
      const values = await stacked.data();
      stacked.dispose();
      const losses = group.map((_, i) => values[i]!);
      const bad = losses.findIndex((loss) => !Number.isFinite(loss));
      if (bad >= 0) throw new DivergedError(epoch, pendingFirst + bad + 1, this.hp.learningRate, losses[bad]!);
      const accuracies = group.map((p, i) => values[group.length + i]! / p.size);
      group.forEach((p, i) => {
        lossSum += losses[i]! * p.size;
        correctSum += values[group.length + i]!;
      });
      callbacks.onBatchMetrics?.({ epoch, firstBatch: pendingFirst, batches, losses, accuracies });
      pendingFirst += group.length;
    };

    try {
      for (let b = 0; b < batches; b++) {
        if (control.stopRequested()) return 'stopped';
        const pauseStart = performance.now();
        await control.waitWhilePaused();
        pausedMs += performance.now() - pauseStart;
        if (control.stopRequested()) return 'stopped';

        const indices = order.subarray(b * batchSize, Math.min(order.length, (b + 1) * batchSize));
        const { xs, labels } = batchTensors(source, indices, inputShape);
        let correct: tf.Scalar | null = null;
        try {
          const { value, grads } = tf.variableGrads(() => {
            const probabilities = this.model.apply(xs, { training: true }) as tf.Tensor;
            correct = tf.keep(correctCount(probabilities, labels));
            return crossEntropy(probabilities, labels, numClasses);
          }, vars);
          this.optimizer.applyGradients(grads);
          tf.dispose(grads);
          pending.push({ loss: value, correct: correct!, size: indices.length });
        } catch (e) {
          (correct as tf.Scalar | null)?.dispose();
          throw e;
        } finally {
          xs.dispose();
          labels.dispose();
        }
        seen += indices.length;
        if (pending.length >= METRICS_EVERY_BATCHES) await flush();
        const elapsed = (performance.now() - started - pausedMs) / 1000;
        callbacks.onBatch?.({ epoch, batch: b + 1, batches, samplesPerSec: elapsed > 0 ? seen / elapsed : 0 });
        await yieldToEvents();
      }
      await flush();
    } finally {
      for (const p of pending) {
        p.loss.dispose();
        p.correct.dispose();
      }
    }

    const trainMs = performance.now() - started - pausedMs;
    callbacks.onValidating?.(epoch);
    const validation = split.validation.length > 0 ? await evaluateLoss(this.model, source, split.validation, inputShape, numClasses, batchSize) : null;
    const metrics: EpochMetrics = {
      epoch,
      loss: lossSum / seen,
      accuracy: correctSum / seen,
      valLoss: validation?.loss ?? null,
      valAccuracy: validation?.accuracy ?? null,
      durationMs: Math.round(performance.now() - started - pausedMs),
      samplesPerSec: trainMs > 0 ? seen / (trainMs / 1000) : 0,
    };
    if (validation && !Number.isFinite(validation.loss)) throw new DivergedError(epoch, 0, this.hp.learningRate, validation.loss);
    await callbacks.onEpoch?.(metrics);
    return 'done';
  }
}

/** Loss and accuracy of the model (inference mode) on the given images; one readback at the end. */
export async function evaluateLoss(
  model: tf.LayersModel,
  source: ImageSource,
  indices: Int32Array,
  inputShape: readonly number[],
  numClasses: number,
  batchSize: number,
): Promise<{ loss: number; accuracy: number }> {
  let lossSum: tf.Scalar = tf.scalar(0);
  let correctSum: tf.Scalar = tf.scalar(0);
  try {
    for (let start = 0; start < indices.length; start += batchSize) {
      const chunk = indices.subarray(start, Math.min(indices.length, start + batchSize));
      const { xs, labels } = batchTensors(source, chunk, inputShape);
      const [nextLoss, nextCorrect] = tf.tidy(() => {
        const probabilities = model.apply(xs, { training: false }) as tf.Tensor;
        return [
          tf.add(lossSum, tf.mul(crossEntropy(probabilities, labels, numClasses), chunk.length)) as tf.Scalar,
          tf.add(correctSum, correctCount(probabilities, labels)) as tf.Scalar,
        ];
      });
      xs.dispose();
      labels.dispose();
      lossSum.dispose();
      correctSum.dispose();
      lossSum = nextLoss!;
      correctSum = nextCorrect!;
      await yieldToEvents();
    }
    const both = tf.stack([lossSum, correctSum]);
    const [loss, correct] = await both.data();
    both.dispose();
    return { loss: loss! / indices.length, accuracy: correct! / indices.length };
  } finally {
    lossSum.dispose();
    correctSum.dispose();
  }
}
