// Test support: tfjs's stock CPU kernels as the reference, called directly on
// the CPU backend instance so the comparison never goes through a kernel we
// registered, plus seeded random data and the error measure the tests share.
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { expect, onTestFinished } from 'vitest';
import { simdKernels, enableSimdKernels } from './simd';

/** Captured before any test registers project kernels for 'cpu'. */
const stockCpu = new Map<string, tf.KernelFunc>();
for (const name of ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'Tile', 'Sum', 'Mean', 'MaxPoolGrad', 'MaxPool', 'BatchMatMul', 'ResizeNearestNeighborGrad', 'ResizeBilinearGrad']) {
  const config = tf.getKernel(name, 'cpu');
  if (config) stockCpu.set(name, config.kernelFunc);
}

export interface HostTensor {
  shape: number[];
  values: Float32Array;
}

/** Runs tfjs's own CPU kernel on host arrays and returns its output as host arrays. */
export function cpuReference(kernelName: string, inputs: Record<string, HostTensor>, attrs: Record<string, unknown>): HostTensor {
  const kernel = stockCpu.get(kernelName);
  const cpu = tf.findBackend('cpu');
  if (!kernel || !cpu) throw new Error(`no stock CPU kernel ${kernelName}`);
  const infos: tf.NamedTensorInfoMap = {};
  for (const [name, t] of Object.entries(inputs)) infos[name] = { dataId: cpu.write(t.values, t.shape, 'float32'), shape: t.shape, dtype: 'float32' };
  const out = kernel({ inputs: infos, attrs: attrs as tf.NamedAttrMap, backend: cpu }) as tf.TensorInfo;
  const values = Float32Array.from(cpu.readSync(out.dataId) as Float32Array);
  cpu.disposeData(out.dataId, true);
  for (const info of Object.values(infos)) if (info) cpu.disposeData(info.dataId, true);
  return { shape: out.shape, values };
}

/** Deterministic values in [-1, 1) from a seed (fast-check shrinks seeds fine). */
export function randomValues(shape: number[], seed: number): HostTensor {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  let s = seed >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    values[i] = ((s >>> 0) / 4294967296) * 2 - 1;
  }
  return { shape, values };
}

/** max |a − b| over max |reference|: the error relative to the result's scale. */
export function relativeError(actual: ArrayLike<number>, reference: ArrayLike<number>): number {
  if (actual.length !== reference.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < reference.length; i++) {
    diff = Math.max(diff, Math.abs(actual[i]! - reference[i]!));
    scale = Math.max(scale, Math.abs(reference[i]!));
  }
  if (Number.isNaN(diff)) return Infinity;
  return scale === 0 ? diff : diff / scale;
}

/** Runs a kernel through the engine on the active backend, returns host values and how many tensors it left behind. */
export async function runOnActiveBackend(
  kernelName: string,
  inputs: Record<string, HostTensor>,
  attrs: Record<string, unknown>,
): Promise<{ shape: number[]; values: Float32Array; leaked: number }> {
  const tensors: tf.NamedTensorMap = {};
  for (const [name, t] of Object.entries(inputs)) tensors[name] = tf.tensor(t.values, t.shape, 'float32');
  const before = tf.memory().numTensors;
  const out = tf.engine().runKernel(kernelName, tensors, attrs as tf.NamedAttrMap) as tf.Tensor;
  const values = (await out.data()) as Float32Array;
  const shape = out.shape;
  out.dispose();
  const leaked = tf.memory().numTensors - before;
  for (const t of Object.values(tensors)) t.dispose();
  return { shape, values, leaked };
}

/** The two paths of our WASM kernels, for it.each: the SIMD module, and the JavaScript that runs where it cannot load. */
export const kernelPaths = [
  { path: 'SIMD kernel', simd: true },
  { path: 'JavaScript', simd: false },
] as const;

/** The rest of the test runs on WASM with our kernels on that path (SIMD again after it). */
export async function onKernelPath(simd: boolean): Promise<void> {
  enableSimdKernels(simd);
  onTestFinished(() => enableSimdKernels(true));
  await tf.setBackend('wasm');
  expect(simdKernels(tf.backend() as BackendWasm) !== null).toBe(simd);
}
