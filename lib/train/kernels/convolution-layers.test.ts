// DepthwiseConv2D, SeparableConv2D and Conv2DTranspose train on WASM with the
// project kernels: the depthwise gradient kernels (missing from
// tfjs-backend-wasm) against tfjs's stock CPU kernels on random shapes, and
// each layer's forward + backward pass against the CPU backend.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { layerDef } from '../../layers/registry';
import { tfjsRegistry } from '../../layers/tfjs.generated';
import type { TfjsBuild } from '../../layers/shared/tfjs';
import { depthwiseFilterGradientName, depthwiseInputGradientName } from './depthwise-gradients';
import { randomValues, relativeError, runOnActiveBackend, type HostTensor } from './testing';
import { projectKernelsFor, registerProjectKernels } from './index';

/** tfjs's own CPU kernels, captured before anything is registered, called on the CPU backend directly. */
const stockCpu = new Map([depthwiseInputGradientName, depthwiseFilterGradientName].map((name) => [name, tf.getKernel(name, 'cpu')!.kernelFunc]));

function cpuReference(kernelName: string, inputs: Record<string, HostTensor>, attrs: Record<string, unknown>): HostTensor {
  const cpu = tf.findBackend('cpu')!;
  const infos: tf.NamedTensorInfoMap = {};
  for (const [name, t] of Object.entries(inputs)) infos[name] = { dataId: cpu.write(t.values, t.shape, 'float32'), shape: t.shape, dtype: 'float32' };
  const out = stockCpu.get(kernelName)!({ inputs: infos, attrs: attrs as tf.NamedAttrMap, backend: cpu }) as tf.TensorInfo;
  const values = Float32Array.from(cpu.readSync(out.dataId) as Float32Array);
  cpu.disposeData(out.dataId, true);
  for (const info of Object.values(infos)) if (info) cpu.disposeData(info.dataId, true);
  return { shape: out.shape, values };
}

const depthwiseCase = fc
  .record({
    batch: fc.integer({ min: 1, max: 4 }),
    height: fc.integer({ min: 3, max: 20 }),
    width: fc.integer({ min: 3, max: 20 }),
    channels: fc.integer({ min: 1, max: 24 }),
    multiplier: fc.integer({ min: 1, max: 3 }),
    kernelHeight: fc.constantFrom(1, 2, 3, 5),
    kernelWidth: fc.constantFrom(1, 2, 3, 5),
    // Keras needs equal strides; the kernels take any, as tfjs's do.
    strideHeight: fc.constantFrom(1, 2, 3),
    strideWidth: fc.constantFrom(1, 2, 3),
    pad: fc.constantFrom('valid' as const, 'same' as const),
    seed: fc.integer({ min: 1, max: 2 ** 31 - 1 }),
  })
  .filter((c) => c.pad === 'same' || (c.kernelHeight <= c.height && c.kernelWidth <= c.width))
  .map((c) => {
    const info = tf.backend_util.computeConv2DInfo(
      [c.batch, c.height, c.width, c.channels],
      [c.kernelHeight, c.kernelWidth, c.channels, c.multiplier],
      [c.strideHeight, c.strideWidth],
      1,
      c.pad,
      undefined,
      true,
    );
    return { ...c, outShape: info.outShape as number[], filterShape: [c.kernelHeight, c.kernelWidth, c.channels, c.multiplier] };
  });

describe('depthwise gradient kernels on WASM', () => {
  beforeAll(async () => {
    await tf.setBackend('wasm');
    registerProjectKernels('wasm');
  });

  it('are registered for WASM, where tfjs has none', () => {
    const names = projectKernelsFor('wasm').map((k) => k.kernelName);
    expect(names).toContain(depthwiseInputGradientName);
    expect(names).toContain(depthwiseFilterGradientName);
  });

  it('DepthwiseConv2dNativeBackpropInput matches tfjs’s CPU kernel within 1e-4 and leaves no tensor behind', async () => {
    await fc.assert(
      fc.asyncProperty(depthwiseCase, async (c) => {
        const dy = randomValues(c.outShape, c.seed);
        const filter = randomValues(c.filterShape, c.seed + 1);
        const attrs = { strides: [c.strideHeight, c.strideWidth], pad: c.pad, dilations: [1, 1], inputShape: [c.batch, c.height, c.width, c.channels] };
        const reference = cpuReference(depthwiseInputGradientName, { dy, filter }, attrs);
        const ours = await runOnActiveBackend(depthwiseInputGradientName, { dy, filter }, attrs);
        expect(ours.shape).toEqual(reference.shape);
        expect(relativeError(ours.values, reference.values)).toBeLessThan(1e-4);
        expect(ours.leaked).toBe(0);
      }),
      { numRuns: 40 },
    );
  });

  it('DepthwiseConv2dNativeBackpropFilter matches tfjs’s CPU kernel within 1e-4 and leaves no tensor behind', async () => {
    await fc.assert(
      fc.asyncProperty(depthwiseCase, async (c) => {
        const x = randomValues([c.batch, c.height, c.width, c.channels], c.seed);
        const dy = randomValues(c.outShape, c.seed + 1);
        const attrs = { strides: [c.strideHeight, c.strideWidth], pad: c.pad, dilations: [1, 1], filterShape: c.filterShape };
        const reference = cpuReference(depthwiseFilterGradientName, { x, dy }, attrs);
        const ours = await runOnActiveBackend(depthwiseFilterGradientName, { x, dy }, attrs);
        expect(ours.shape).toEqual(reference.shape);
        expect(relativeError(ours.values, reference.values)).toBeLessThan(1e-4);
        expect(ours.leaked).toBe(0);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses dilation other than 1, naming it', () => {
    const x = tf.zeros([1, 6, 6, 2]);
    const dy = tf.zeros([1, 6, 6, 2]);
    const attrs = { strides: 1, pad: 'same', dilations: [2, 2], filterShape: [3, 3, 2, 1] };
    expect(() => tf.engine().runKernel(depthwiseFilterGradientName, { x, dy }, attrs)).toThrow(/dilation \[2,2\] is not supported/);
    tf.dispose([x, dy]);
  });
});

/** One layer of each type, with settings that exercise stride, padding and the depth multiplier. */
const layerCases = [
  { type: 'DepthwiseConv2D', params: { kernelSize: 3, strides: 2, padding: 'same', depthMultiplier: 2, activation: 'relu6', useBias: true }, input: [13, 13, 3] },
  { type: 'DepthwiseConv2D', params: { kernelSize: [3, 5], strides: 1, padding: 'valid', depthMultiplier: 1, activation: 'linear', useBias: false }, input: [9, 11, 4] },
  { type: 'SeparableConv2D', params: { filters: 6, kernelSize: 3, strides: 1, padding: 'same', depthMultiplier: 2, activation: 'relu', useBias: true }, input: [10, 10, 3] },
  { type: 'SeparableConv2D', params: { filters: 5, kernelSize: 5, strides: 2, padding: 'valid', depthMultiplier: 1, activation: 'tanh', useBias: true }, input: [12, 12, 2] },
  { type: 'Conv2DTranspose', params: { filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', useBias: true }, input: [7, 7, 3] },
  { type: 'Conv2DTranspose', params: { filters: 3, kernelSize: [2, 4], strides: [3, 2], padding: 'valid', activation: 'sigmoid', useBias: true }, input: [5, 6, 2] },
] as const;

/** The input gradient and every weight gradient of sum(layer(x)·r) for a fixed random r, on one backend. */
async function layerGradients(c: (typeof layerCases)[number], backend: 'cpu' | 'wasm'): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  if (backend === 'wasm') registerProjectKernels('wasm');
  const def = layerDef(c.type);
  const params = def.params.parse(c.params);
  const build = (tfjsRegistry as Record<string, TfjsBuild<unknown>>)[c.type]!;
  const layer = build(params, { name: `probe_${c.type}`, initializer: (slot = 'kernel') => tf.initializers.glorotUniform({ seed: slot.length * 7 + 3 }), seed: 1 });
  const shape = [2, ...c.input];
  const xHost = randomValues(shape, 21);
  const x = tf.variable(tf.tensor(xHost.values, shape), true, `x_${backend}_${c.type}`);
  layer.apply(tf.input({ shape: [...c.input] }));
  // The bias starts at zero; a non-zero one makes its gradient path matter.
  for (const w of layer.trainableWeights) if (w.shape.length === 1) w.write(tf.tensor1d(randomValues(w.shape as number[], 5).values));
  const outShape = def.outputShape([c.input], params);
  if (!outShape.ok) throw new Error(outShape.problem.message);
  const r = tf.tensor(randomValues([2, ...outShape.shape], 8).values, [2, ...outShape.shape]);
  const variables = [x, ...layer.trainableWeights.map((w) => w.read() as tf.Variable)];
  const { value, grads } = tf.variableGrads(() => tf.sum(tf.mul(layer.apply(x) as tf.Tensor, r)) as tf.Scalar, variables);
  const values = await Promise.all(variables.map((v) => grads[v.name]!.data() as Promise<Float32Array>));
  tf.dispose([value, r, x, ...Object.values(grads)]);
  layer.dispose();
  return values;
}

describe('layers train on WASM with the project kernels', () => {
  it.each(layerCases.map((c, i) => [`${c.type} #${i + 1}`, c] as const))('%s: input and weight gradients match the CPU backend within 1e-3', async (_name, c) => {
    const reference = await layerGradients(c, 'cpu');
    const ours = await layerGradients(c, 'wasm');
    expect(ours).toHaveLength(reference.length);
    // x, then kernel(s) and bias: every one of them must have a gradient.
    expect(ours.length).toBe(1 + (c.type === 'SeparableConv2D' ? 2 : 1) + (c.params.useBias ? 1 : 0));
    ours.forEach((g, i) => expect(relativeError(g, reference[i]!), `gradient ${i}`).toBeLessThan(1e-3));
  });

  it('a training step of each layer leaves the tensor count flat', async () => {
    await tf.setBackend('wasm');
    registerProjectKernels('wasm');
    for (const c of layerCases) {
      const def = layerDef(c.type);
      const build = (tfjsRegistry as Record<string, TfjsBuild<unknown>>)[c.type]!;
      const input = tf.input({ shape: [...c.input] });
      const output = tf.layers.globalAveragePooling2d({}).apply(build(def.params.parse(c.params), { name: `step_${c.type}`, initializer: () => undefined, seed: null }).apply(input)) as tf.SymbolicTensor;
      const model = tf.model({ inputs: input, outputs: output });
      model.compile({ optimizer: tf.train.sgd(0.1), loss: 'meanSquaredError' });
      const xs = tf.tensor(randomValues([4, ...c.input], 2).values, [4, ...c.input]);
      const ys = tf.zeros([4, output.shape[1] as number]);
      const counts: number[] = [];
      const losses: number[] = [];
      for (let step = 0; step < 4; step++) {
        losses.push((await model.trainOnBatch(xs, ys)) as number);
        counts.push(tf.memory().numTensors);
      }
      expect(losses.every(Number.isFinite), c.type).toBe(true);
      expect(new Set(counts).size, `${c.type}: ${counts.join(', ')}`).toBe(1);
      tf.dispose([xs, ys]);
      model.dispose();
    }
  });
});
