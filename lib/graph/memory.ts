// How much memory training a model takes, per layer and in total, so the
// editor can warn before a browser tab runs out. An estimate of what must be
// held at once, in float32 (4 bytes a number):
//   weights      every parameter (trainable and not)
//   gradients    one per trainable parameter
//   optimizer    the optimizer's slots per trainable parameter (Adam keeps 2)
//   activations  each layer's output for the whole batch, kept from the
//                forward pass for backpropagation (the Input's is the batch)
// Temporary tensors of the backward pass and the backend's own overhead come
// on top, so the warning starts well below what a tab can address.
import type { GraphAnalysis } from './analyze';
import { product } from './shape';

export const BYTES_PER_NUMBER = 4;

/** Roughly what one browser tab can give training (WebAssembly addresses 4 GiB at most; GPUs and tabs often less). */
export const TAB_MEMORY_BUDGET = 2_000_000_000;

/** Slots each optimizer keeps per trainable parameter (tfjs: Adam m and v; RMSprop mean square and momentum; SGD none). */
export const OPTIMIZER_SLOTS = { adam: 2, rmsprop: 2, sgd: 0 } as const;
export type OptimizerSlotsName = keyof typeof OPTIMIZER_SLOTS;

export interface MemoryParts {
  weights: number;
  gradients: number;
  optimizer: number;
  activations: number;
  /** The sum of the four, in bytes. */
  total: number;
}

export interface TrainingMemory {
  batchSize: number;
  optimizer: OptimizerSlotsName;
  /** Per node id; absent where the shape or count is not known. */
  layers: Record<string, MemoryParts>;
  /** Null while the graph has errors (as with the parameter totals: never a wrong figure). */
  total: MemoryParts | null;
  /** True when the total is over TAB_MEMORY_BUDGET. */
  exceedsBudget: boolean;
}

function parts(weights: number, gradients: number, optimizer: number, activations: number): MemoryParts {
  return { weights, gradients, optimizer, activations, total: weights + gradients + optimizer + activations };
}

/** Memory to train the analysed model at this batch size with this optimizer. Pure: figures from the analysis. */
export function trainingMemory(analysis: GraphAnalysis, batchSize: number, optimizer: OptimizerSlotsName = 'adam'): TrainingMemory {
  const slots = OPTIMIZER_SLOTS[optimizer];
  const layers: Record<string, MemoryParts> = {};
  for (const [id, node] of Object.entries(analysis.nodes)) {
    if (!node.outputShape || !node.paramCount) continue;
    const { trainable, total } = node.paramCount;
    layers[id] = parts(
      total * BYTES_PER_NUMBER,
      trainable * BYTES_PER_NUMBER,
      trainable * slots * BYTES_PER_NUMBER,
      batchSize * product(node.outputShape) * BYTES_PER_NUMBER,
    );
  }
  let total: MemoryParts | null = null;
  if (analysis.totals) {
    const sum = (key: keyof MemoryParts) => Object.values(layers).reduce((acc, p) => acc + p[key], 0);
    total = parts(sum('weights'), sum('gradients'), sum('optimizer'), sum('activations'));
  }
  return { batchSize, optimizer, layers, total, exceedsBudget: total !== null && total.total > TAB_MEMORY_BUDGET };
}
