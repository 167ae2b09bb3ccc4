// Adam in one pass per weight on WASM. tfjs's AdamOptimizer updates each
// weight with about ten element-wise kernels (mul, add, square, div, sqrt …),
// each allocating a full-size tensor: for the course model that is most of
// the ~300 small kernels per step the profile shows. Here one kernel reads the
// weight, its gradient and both moments once and writes the three new tensors,
// with exactly tfjs's math: m = β1·m + (1−β1)·g, v = β2·v + (1−β2)·g²,
// w += −lr · (m / (1−β1^t)) / (√(v / (1−β2^t)) + ε), β^t kept in the
// optimizer's own accumulators, so its weights, config and serialization are
// tfjs's. On any other backend the optimizer is tfjs's unchanged.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { addressOf, simdKernels } from './simd';

export const adamUpdateKernelName = 'CnnStudioAdamUpdate';

export interface AdamUpdateAttrs {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  /** 1 − β1^t and 1 − β2^t, the bias corrections of this step. */
  oneMinusAccBeta1: number;
  oneMinusAccBeta2: number;
}

/** The update of one weight, element by element; the constants rounded to float32 as tfjs's scalars are. */
export function adamUpdate(
  value: Float32Array,
  gradient: Float32Array,
  m: Float32Array,
  v: Float32Array,
  attrs: AdamUpdateAttrs,
  out: { value: Float32Array; m: Float32Array; v: Float32Array },
): void {
  const f = Math.fround;
  const beta1 = f(attrs.beta1);
  const beta2 = f(attrs.beta2);
  const oneMinusBeta1 = f(1 - attrs.beta1);
  const oneMinusBeta2 = f(1 - attrs.beta2);
  const correction1 = f(attrs.oneMinusAccBeta1);
  const correction2 = f(attrs.oneMinusAccBeta2);
  const epsilon = f(attrs.epsilon);
  const step = f(-attrs.learningRate);
  const n = value.length;
  for (let i = 0; i < n; i++) {
    const g = gradient[i]!;
    const newM = f(f(m[i]! * beta1) + f(g * oneMinusBeta1));
    const newV = f(f(v[i]! * beta2) + f(f(g * g) * oneMinusBeta2));
    const denominator = f(f(Math.sqrt(f(newV / correction2))) + epsilon);
    out.m[i] = newM;
    out.v[i] = newV;
    out.value[i] = f(f(f(f(newM / correction1) / denominator) * step) + value[i]!);
  }
}

function input(inputs: tf.NamedTensorInfoMap, name: string): tf.TensorInfo {
  const t = inputs[name];
  if (!t) throw new Error(`${adamUpdateKernelName}: missing input ${name}`);
  return t;
}

/** The kernel on WASM: three new tensors (weight, m, v) written straight on the heap (SIMD where the project's kernels load). */
export const adamUpdateOnHeap: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const wasm = backend as BackendWasm;
  const value = input(inputs, 'value');
  const names = ['gradient', 'm', 'v'] as const;
  for (const name of names) {
    const t = input(inputs, name);
    if (t.dtype !== 'float32' || t.shape.join(',') !== value.shape.join(',')) throw new Error(`${adamUpdateKernelName}: ${name} is ${t.dtype} [${t.shape.join(',')}], the weight float32 [${value.shape.join(',')}]`);
  }
  const outs = [wasm.makeOutput(value.shape, 'float32'), wasm.makeOutput(value.shape, 'float32'), wasm.makeOutput(value.shape, 'float32')] as const;
  const simd = simdKernels(wasm);
  if (simd) {
    const a = attrs as unknown as AdamUpdateAttrs;
    const at = (name: string) => addressOf(wasm, input(inputs, name));
    const f = Math.fround;
    simd.adamUpdate(
      at('value'), at('gradient'), at('m'), at('v'), addressOf(wasm, outs[0]), addressOf(wasm, outs[1]), addressOf(wasm, outs[2]), tf.util.sizeFromShape(value.shape),
      f(a.beta1), f(a.beta2), f(1 - a.beta1), f(1 - a.beta2), f(a.oneMinusAccBeta1), f(a.oneMinusAccBeta2), f(a.epsilon), f(-a.learningRate),
    );
    return [...outs];
  }
  // Views after makeOutput: allocating can grow (and so replace) the heap.
  const view = (t: tf.TensorInfo) => wasm.typedArrayFromHeap(t) as Float32Array;
  adamUpdate(view(value), view(input(inputs, 'gradient')), view(input(inputs, 'm')), view(input(inputs, 'v')), attrs as unknown as AdamUpdateAttrs, {
    value: view(outs[0]),
    m: view(outs[1]),
    v: view(outs[2]),
  });
  return [...outs];
};

/** AdamOptimizer's state, private in its typings. */
interface AdamState {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: Array<{ originalName: string; variable: tf.Variable } | undefined>;
  accumulatedSecondMoment: Array<{ originalName: string; variable: tf.Variable } | undefined>;
}

/**
 * tfjs's AdamOptimizer (same class name, config, weights and results within
 * float32 rounding) whose update is one kernel per weight on WASM, once
 * registerProjectKernels('wasm') has registered it.
 */
export class FusedAdamOptimizer extends tf.AdamOptimizer {
  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    if (tf.getBackend() !== 'wasm' || !tf.getKernel(adamUpdateKernelName, 'wasm')) return super.applyGradients(variableGradients);
    const state = this as unknown as AdamState;
    const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    tf.tidy(() => {
      // As tfjs: 1 − β^t in float32 (the accumulators are float32 scalars).
      const oneMinusAccBeta1 = Math.fround(1 - state.accBeta1.dataSync()[0]!);
      const oneMinusAccBeta2 = Math.fround(1 - state.accBeta2.dataSync()[0]!);
      const attrs: AdamUpdateAttrs = { learningRate: state.learningRate, beta1: state.beta1, beta2: state.beta2, epsilon: state.epsilon, oneMinusAccBeta1, oneMinusAccBeta2 };
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name]!;
        state.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        state.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        const gradient = Array.isArray(variableGradients) ? variableGradients[i]!.tensor : variableGradients[name];
        if (gradient == null) return;
        const m = state.accumulatedFirstMoment[i]!.variable;
        const v = state.accumulatedSecondMoment[i]!.variable;
        const [newValue, newM, newV] = tf.engine().runKernel(adamUpdateKernelName, { value, gradient, m, v }, attrs as unknown as tf.NamedAttrMap) as tf.Tensor[];
        m.assign(newM!);
        v.assign(newV!);
        value.assign(newValue!);
      });
      state.accBeta1.assign(tf.mul(state.accBeta1, state.beta1));
      state.accBeta2.assign(tf.mul(state.accBeta2, state.beta2));
    });
    this.incrementIterations();
  }
}

/** Adam as tf.train.adam makes it, with the fused update on WASM. */
export function fusedAdam(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon?: number): tf.AdamOptimizer {
  return new FusedAdamOptimizer(learningRate, beta1, beta2, epsilon);
}
