// The project's kernels, registered per backend on top of tfjs's own.
// registerProjectKernels must run after the backend's package is imported
// (tfjs registers its kernels on import and would otherwise replace ours).
import * as tf from '@tensorflow/tfjs';
import { filterGradientKernel, type FilterGradientFormulation } from './filter-gradient';
import { inputGradientKernel } from './input-gradient';
import { batchNormGradKernelName, batchNormGradOnHeap, registerBatchNormGradient } from './batch-norm-gradient';
import { batchNormTrainingGradKernelName, batchNormTrainingGradOnHeap, batchNormTrainingKernelName, batchNormTrainingOnHeap, registerBatchNormTrainingGradient } from './batch-norm-training';
import { adamUpdateKernelName, adamUpdateOnHeap } from './adam';
import { depthwiseFilterGradientKernel, depthwiseFilterGradientName, depthwiseInputGradientKernel, depthwiseInputGradientName } from './depthwise-gradients';
import { resizeBilinearGradShaped, resizeNearestNeighborGradOnCpu, resizeNearestNeighborGradOnHeap } from './resize-gradient';
import { explicitSamePadding } from './conv-same-padding';
import { castSharing, identitySharing, matMulTransposingFirst, maxPoolGradOnHeap, reduceLeadingOnHeap, tileOnHeap } from './wasm-heap';

export type KernelBackendName = 'cpu' | 'wasm' | 'webgl' | 'webgpu';

export { filterGradient, type FilterGradientFormulation } from './filter-gradient';
export { inputGradient } from './input-gradient';
export { FusedAdamOptimizer, fusedAdam } from './adam';

/** Our kernel functions carry this mark, so registering twice is a no-op even across module copies (hot reload). */
const projectMark = Symbol.for('cnn-studio.projectKernel');

type MarkedKernelFunc = tf.KernelFunc & { [projectMark]?: true };

interface KernelPlan {
  kernelName: string;
  /** Given tfjs's own kernel function (undefined when the backend has none), ours. */
  make(original: tf.KernelFunc | undefined): tf.KernelFunc;
  why: string;
}

function needOriginal(kernelName: string, backend: string, original: tf.KernelFunc | undefined): tf.KernelFunc {
  if (!original) throw new Error(`tfjs has no ${kernelName} kernel for ${backend} to fall back on: import the backend before registerProjectKernels`);
  return original;
}

/**
 * Which filter gradient each backend gets, from `npm run bench` on a 2-core
 * machine without a GPU (bench/README.md has the figures). 'auto' picks the
 * patch form for few input channels and the convolution form otherwise (WASM
 * has no kernel of its own; on WebGL it beat tfjs's by 1.3–3.6×). On CPU the
 * convolution form beat tfjs's by 3.6–12× and the patch form was slower than
 * it for the first layer. On WebGPU (software adapter) tfjs's own kernel was
 * fastest for every course-model shape, so WebGPU keeps it.
 */
export const filterGradientChoice: Record<KernelBackendName, FilterGradientFormulation | 'stock'> = {
  wasm: 'auto',
  cpu: 'convolution',
  webgl: 'auto',
  webgpu: 'stock',
};

function plansFor(backend: KernelBackendName): KernelPlan[] {
  const choice = filterGradientChoice[backend];
  const filter: KernelPlan[] =
    choice === 'stock'
      ? []
      : [{ kernelName: 'Conv2DBackpropFilter', make: () => filterGradientKernel(choice), why: backend === 'wasm' ? 'missing on WASM' : 'faster than tfjs’s kernel' }];
  if (backend === 'cpu') {
    return [
      ...filter,
      { kernelName: 'ResizeNearestNeighborGrad', make: () => resizeNearestNeighborGradOnCpu, why: 'UpSampling2D gradient (tfjs’s is wrong past the first batch item)' },
      { kernelName: 'ResizeBilinearGrad', make: (o) => resizeBilinearGradShaped(needOriginal('ResizeBilinearGrad', backend, o)), why: 'UpSampling2D bilinear gradient of non-square images (tfjs swaps height and width)' },
    ];
  }
  if (backend !== 'wasm') return filter;
  return [
    ...filter,
    ...(['Conv2D', 'FusedConv2D', 'DepthwiseConv2dNative', 'FusedDepthwiseConv2D'] as const).map((kernelName) => ({
      kernelName,
      make: (o: tf.KernelFunc | undefined) => explicitSamePadding(needOriginal(kernelName, backend, o), kernelName.includes('Depthwise')),
      why: "padding 'same' passed explicitly (XNNPACK's own gave zeros where a stride skips the last rows)",
    })),
    { kernelName: 'Conv2DBackpropInput', make: () => inputGradientKernel, why: 'XNNPACK conv2d instead of a plain loop' },
    { kernelName: 'Identity', make: (o) => identitySharing(needOriginal('Identity', backend, o)), why: 'gradient bookkeeping clones without copying' },
    { kernelName: 'Cast', make: (o) => castSharing(needOriginal('Cast', backend, o)), why: 'ReLU gradient casts float32 to float32' },
    { kernelName: batchNormGradKernelName, make: () => batchNormGradOnHeap, why: 'BatchNormalization gradient in two passes (inference mode)' },
    { kernelName: batchNormTrainingKernelName, make: () => batchNormTrainingOnHeap, why: 'BatchNormalization in training: batch statistics and output in two passes' },
    { kernelName: batchNormTrainingGradKernelName, make: () => batchNormTrainingGradOnHeap, why: 'BatchNormalization in training: gradient through the batch statistics in two passes' },
    { kernelName: 'BatchMatMul', make: (o) => matMulTransposingFirst(needOriginal('BatchMatMul', backend, o)), why: 'Dense gradients (transposed operands)' },
    { kernelName: 'Tile', make: (o) => tileOnHeap(needOriginal('Tile', backend, o)), why: 'BatchNormalization gradient' },
    { kernelName: 'Sum', make: (o) => reduceLeadingOnHeap(needOriginal('Sum', backend, o), 'sum'), why: 'bias/BatchNormalization gradients' },
    { kernelName: 'Mean', make: (o) => reduceLeadingOnHeap(needOriginal('Mean', backend, o), 'mean'), why: 'BatchNormalization statistics' },
    { kernelName: 'MaxPoolGrad', make: () => maxPoolGradOnHeap, why: 'MaxPooling2D gradient' },
    { kernelName: 'ResizeNearestNeighborGrad', make: () => resizeNearestNeighborGradOnHeap, why: 'UpSampling2D gradient (tfjs’s is wrong with alignCorners on a side of 1)' },
    { kernelName: adamUpdateKernelName, make: () => adamUpdateOnHeap, why: 'Adam in one pass per weight (FusedAdamOptimizer)' },
    { kernelName: depthwiseInputGradientName, make: () => depthwiseInputGradientKernel, why: 'missing on WASM (DepthwiseConv2D, SeparableConv2D)' },
    { kernelName: depthwiseFilterGradientName, make: () => depthwiseFilterGradientKernel, why: 'missing on WASM (DepthwiseConv2D, SeparableConv2D)' },
  ];
}

/** The kernels registerProjectKernels(backend) installs, with the reason for each. */
export function projectKernelsFor(backend: KernelBackendName): { kernelName: string; why: string }[] {
  return plansFor(backend).map(({ kernelName, why }) => ({ kernelName, why }));
}

/**
 * Registers the project's kernels for one backend, replacing tfjs's where we
 * have a faster or a missing one. Idempotent. Keeps tfjs's setup/dispose
 * functions, so it works before or after tf.setBackend(backend).
 */
export function registerProjectKernels(backend: KernelBackendName): void {
  for (const plan of plansFor(backend)) {
    const existing = tf.getKernel(plan.kernelName, backend) as tf.KernelConfig | undefined;
    if ((existing?.kernelFunc as MarkedKernelFunc | undefined)?.[projectMark]) continue;
    const kernelFunc: MarkedKernelFunc = plan.make(existing?.kernelFunc);
    kernelFunc[projectMark] = true;
    if (existing) tf.unregisterKernel(plan.kernelName, backend);
    tf.registerKernel({
      kernelName: plan.kernelName,
      backendName: backend,
      kernelFunc,
      ...(existing?.setupFunc ? { setupFunc: existing.setupFunc } : {}),
      ...(existing?.disposeFunc ? { disposeFunc: existing.disposeFunc } : {}),
    });
  }
  // Global, but takes its fast path only on WASM with the kernel above registered.
  if (backend === 'wasm') {
    registerBatchNormGradient();
    registerBatchNormTrainingGradient();
  }
}

export { configureWasmBackend, wasmThreadCount, type WasmSetup } from './wasm-setup';
