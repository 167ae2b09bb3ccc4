// The shape layers (UpSampling2D, ZeroPadding2D, Cropping2D, Reshape,
// GlobalMaxPooling2D) train on WASM with the project kernels: the gradients
// of one batch agree with tfjs's CPU backend within 1e-3 and training steps
// leave no tensor behind. UpSampling2D's backward pass needed a kernel of our
// own (resize-gradient.ts): tfjs's CPU kernel is wrong for every batch item
// after the first, so the stock CPU backend is the reference for a batch of 1
// and, for larger batches, the CPU backend with the project kernels.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import fc from 'fast-check';
import { describe, expect, it, onTestFinished } from 'vitest';
import { compileGraph } from '../../compile';
import type { ArchitectureDocument, LayerNode } from '../../schema';
import { cpuReference, randomValues, relativeError, runOnActiveBackend } from './testing';
import { projectKernelsFor, registerProjectKernels } from './index';
import { resizeNearestNeighborGradOnCpu } from './resize-gradient';

/** Registers one kernel for the CPU backend, returning the stock one afterwards. */
function withCpuKernel(kernelName: string, kernelFunc: tf.KernelFunc) {
  const stock = tf.getKernel(kernelName, 'cpu')!;
  tf.unregisterKernel(kernelName, 'cpu');
  tf.registerKernel({ kernelName, backendName: 'cpu', kernelFunc });
  onTestFinished(() => {
    tf.unregisterKernel(kernelName, 'cpu');
    tf.registerKernel(stock);
  });
}

const seed = fc.integer({ min: 1, max: 2 ** 31 - 1 });

async function onWasm() {
  await tf.setBackend('wasm');
  registerProjectKernels('wasm');
}

describe('ResizeNearestNeighborGrad, the project kernel', () => {
  it('is registered on WASM and on the CPU backend', () => {
    expect(projectKernelsFor('wasm').map((k) => k.kernelName)).toContain('ResizeNearestNeighborGrad');
    expect(projectKernelsFor('cpu').map((k) => k.kernelName)).toEqual(expect.arrayContaining(['ResizeNearestNeighborGrad', 'ResizeBilinearGrad']));
  });

  it('on WASM matches the stock CPU kernel for any size and channels (one batch item: where the CPU kernel is right), leaving no tensor behind', async () => {
    await onWasm();
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 4 })),
        fc.tuple(fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 14 })),
        seed,
        async ([h, w, depth], [outH, outW], s) => {
          const inputs = { images: randomValues([1, h, w, depth], s), dy: randomValues([1, outH, outW, depth], s + 1) };
          const attrs = { alignCorners: false, halfPixelCenters: false };
          const reference = cpuReference('ResizeNearestNeighborGrad', inputs, attrs);
          const ours = await runOnActiveBackend('ResizeNearestNeighborGrad', inputs, attrs);
          expect(ours.shape).toEqual([1, h, w, depth]);
          expect(relativeError(ours.values, reference.values)).toBeLessThan(1e-5);
          expect(ours.leaked).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it.each(['wasm', 'cpu'] as const)('on %s is the transpose of the forward pass for any batch, corners and centres: <resize(x), dy> = <x, grad(dy)>', async (backend) => {
    await tf.setBackend(backend);
    if (backend === 'wasm') registerProjectKernels('wasm');
    // Only this kernel on the CPU backend: the CPU references elsewhere in this file stay stock.
    else withCpuKernel('ResizeNearestNeighborGrad', resizeNearestNeighborGradOnCpu);
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 })),
        fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 })),
        fc.boolean(),
        fc.boolean(),
        seed,
        async ([batch, h, w, depth], [outH, outW], alignCorners, halfPixelCenters, s) => {
          fc.pre(!(alignCorners && halfPixelCenters)); // tfjs refuses the pair
          const x = randomValues([batch, h, w, depth], s);
          const dy = randomValues([batch, outH, outW, depth], s + 1);
          const [forward, backward] = tf.tidy(() => {
            const images = tf.tensor4d(x.values, x.shape as [number, number, number, number]);
            const y = tf.image.resizeNearestNeighbor(images, [outH, outW], alignCorners, halfPixelCenters);
            const g = tf.engine().runKernel('ResizeNearestNeighborGrad', { images, dy: tf.tensor(dy.values, dy.shape) }, { alignCorners, halfPixelCenters }) as tf.Tensor;
            return [tf.sum(tf.mul(y, tf.tensor(dy.values, dy.shape))).dataSync()[0]!, tf.sum(tf.mul(images, g)).dataSync()[0]!];
          });
          expect(Math.abs(forward - backward)).toBeLessThan(1e-4 * Math.max(1, Math.abs(forward)));
        },
      ),
      { numRuns: 40 },
    );
  });
});

type Layer = Pick<LayerNode, 'type' | 'params'>;

/** Input → Conv2D → the layer(s) → [Flatten] → Dense(5, softmax): every weight's gradient passes back through the layer. */
function model(input: number[], layers: Layer[], flatten = true): ArchitectureDocument {
  const all: Layer[] = [
    { type: 'Input', params: { shape: input } },
    { type: 'Conv2D', params: { filters: 3, kernelSize: 3, strides: 1, padding: 'same', activation: 'tanh', useBias: true } },
    ...layers,
    ...(flatten ? [{ type: 'Flatten', params: {} } as Layer] : []),
    { type: 'Dense', params: { units: 5, activation: 'softmax', useBias: true } },
  ];
  const nodes = all.map((l, i) => ({ id: `n${i}`, type: l.type, params: l.params, position: { x: 0, y: i * 100 } }) as LayerNode);
  const edges = nodes.slice(1).map((n, i) => ({ id: `e${i}`, source: nodes[i]!.id, target: n.id, targetHandle: 'in0' }));
  return { version: 1, name: 't', nodes, edges };
}

async function gradients(doc: ArchitectureDocument, backend: 'cpu' | 'wasm', batch = 1): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  if (backend === 'wasm') registerProjectKernels('wasm');
  const compiled = compileGraph(doc, { seed: 7 });
  if (!compiled.ok) throw new Error(compiled.issues.map((i) => i.message).join('; '));
  const { model: m } = compiled;
  const shape = [batch, ...(m.inputs[0]!.shape.slice(1) as number[])];
  const x = randomValues(shape, 9);
  const labels = Array.from({ length: batch }, (_, i) => (i * 3) % 5);
  const { xs, ys } = tf.tidy(() => ({ xs: tf.tensor(x.values, shape), ys: tf.oneHot(tf.tensor1d(labels, 'int32'), 5) }));
  const variables = m.trainableWeights.map((w) => w.read() as tf.Variable);
  const { value, grads } = tf.variableGrads(() => {
    const p = tf.clipByValue(m.apply(xs, { training: true }) as tf.Tensor, 1e-7, 1);
    return tf.neg(tf.mean(tf.sum(tf.mul(ys, tf.log(p)), -1))) as tf.Scalar;
  }, variables);
  const values = await Promise.all(variables.map((v) => grads[v.name]!.data() as Promise<Float32Array>));
  tf.dispose([value, xs, ys, ...Object.values(grads)]);
  m.dispose();
  return values;
}

const cases: [string, ArchitectureDocument][] = [
  ['UpSampling2D nearest 2×3', model([5, 4, 2], [{ type: 'UpSampling2D', params: { size: [2, 3], interpolation: 'nearest' } }])],
  ['UpSampling2D bilinear 2×2', model([6, 6, 2], [{ type: 'UpSampling2D', params: { size: 2, interpolation: 'bilinear' } }])],
  ['ZeroPadding2D ((0, 1), (2, 3))', model([5, 4, 2], [{ type: 'ZeroPadding2D', params: { padding: [[0, 1], [2, 3]] } }])],
  ['Cropping2D ((1, 0), (1, 2))', model([6, 7, 2], [{ type: 'Cropping2D', params: { cropping: [[1, 0], [1, 2]] } }])],
  ['Reshape to [-1, 6]', model([4, 4, 1], [{ type: 'Reshape', params: { targetShape: [-1, 6] } }])],
  ['GlobalMaxPooling2D', model([6, 5, 2], [{ type: 'GlobalMaxPooling2D', params: {} }], false)],
  [
    'the decoder chain',
    model(
      [12, 12, 1],
      [
        { type: 'Conv2D', params: { filters: 4, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu', useBias: true } },
        { type: 'UpSampling2D', params: { size: 2, interpolation: 'nearest' } },
        { type: 'ZeroPadding2D', params: { padding: [[1, 1], [1, 1]] } },
        { type: 'Cropping2D', params: { cropping: [[1, 1], [1, 1]] } },
      ],
    ),
  ],
];

describe('the shape layers train on WASM with the project kernels', () => {
  it.each(cases)('%s: the gradients of one example match the stock CPU backend’s within 1e-3 for every weight', async (_name, doc) => {
    const reference = await gradients(doc, 'cpu');
    const ours = await gradients(doc, 'wasm');
    expect(ours).toHaveLength(reference.length);
    ours.forEach((g, i) => expect(relativeError(g, reference[i]!), `weight ${i}`).toBeLessThan(1e-3));
  });

  it.each(cases)('%s: trains with Adam on WASM, the loss stays finite and the tensor count stays put', async (_name, doc) => {
    await onWasm();
    const compiled = compileGraph(doc, { seed: 3 });
    if (!compiled.ok) throw new Error('does not compile');
    const m = compiled.model;
    m.compile({ optimizer: tf.train.adam(1e-2), loss: 'categoricalCrossentropy' });
    const shape = [4, ...(m.inputs[0]!.shape.slice(1) as number[])];
    const x = randomValues(shape, 5);
    const { xs, ys } = tf.tidy(() => ({ xs: tf.tensor(x.values, shape), ys: tf.oneHot(tf.tensor1d([0, 1, 2, 3], 'int32'), 5) }));
    const losses: number[] = [(await m.trainOnBatch(xs, ys)) as number];
    const counts: number[] = [];
    for (let step = 0; step < 3; step++) {
      losses.push((await m.trainOnBatch(xs, ys)) as number);
      counts.push(tf.memory().numTensors);
    }
    expect(losses.every(Number.isFinite)).toBe(true);
    expect(losses[3]!).toBeLessThan(losses[0]!);
    expect(new Set(counts).size).toBe(1);
    tf.dispose([xs, ys]);
    m.optimizer.dispose();
    m.dispose();
  });
});

describe('with the project kernels on the CPU backend too', () => {
  // Last in the file: it registers the project's CPU kernels, which the stock CPU references above must not use.
  it.each([
    ...cases,
    ['UpSampling2D bilinear 2×3 on a non-square image', model([5, 4, 2], [{ type: 'UpSampling2D', params: { size: [2, 3], interpolation: 'bilinear' } }])] as [string, ArchitectureDocument],
  ])('%s: the gradients of a batch of 3 on WASM and on the CPU backend agree within 1e-3', async (_name, doc) => {
    registerProjectKernels('cpu');
    const ours = await gradients(doc, 'wasm', 3);
    const cpu = await gradients(doc, 'cpu', 3);
    expect(cpu).toHaveLength(ours.length);
    cpu.forEach((g, i) => expect(relativeError(ours[i]!, g), `weight ${i}`).toBeLessThan(1e-3));
  });
});
