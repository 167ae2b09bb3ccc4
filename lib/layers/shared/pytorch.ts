// How a layer type writes itself into the exported PyTorch model.py, beside
// its definition in lib/layers/<Type>/pytorch.ts. Pure: Python text only.
// Image tensors are NCHW in PyTorch; flat [n] and [h, w] tensors keep their
// order after the batch. weights.npz holds every weight in tfjs's layout
// (kernels HWIO, Dense [in, out]) and load_weights does the layout changes.
import type { Shape } from '../../graph/shape';
import type { LayerType, ParamsOf } from '../registry';
import type { ActivationName } from './params';
import type { IdentityAtInference, Unsupported } from './export';

export interface PytorchContext {
  /** The module attribute (a Python identifier): `self.<attr>` in the model, `model.<attr>` in load_weights. */
  attr: string;
  /** Python expressions of its inputs (already computed locals). */
  inputs: readonly string[];
  inputShapes: readonly Shape[];
  outputShape: Shape;
  /** The Python string literal of this layer's weight `slot` as a key of weights.npz (e.g. 'conv1.kernel'). */
  key(slot: string): string;
}

export interface PytorchMapping<P> {
  kind: 'pytorch';
  /** The submodule's constructor (`nn.Conv2d(…)`), for layers that hold weights or state; omitted for functional ones. */
  module?(params: P, context: PytorchContext): string;
  /** The forward expression of the layer's output, from context.inputs (and `self.<attr>`). */
  forward(params: P, context: PytorchContext): string;
  /**
   * Statements inside `with torch.no_grad():` of load_weights, copying this
   * layer's weights from `weights` (numpy arrays from weights.npz) into
   * `model.<attr>`, with `_tensor(array)` to make a torch tensor.
   */
  loadWeights?(params: P, context: PytorchContext): string[];
}

export type PytorchPart<P> = PytorchMapping<P> | Unsupported | IdentityAtInference;

export function definePytorch<P>(mapping: Omit<PytorchMapping<P>, 'kind'>): PytorchMapping<P> {
  return { kind: 'pytorch', ...mapping };
}

/** One PyTorch mapping per layer type but Input: a missing one fails `tsc`. */
export type PytorchRegistry = { [T in Exclude<LayerType, 'Input'>]: PytorchPart<ParamsOf<T>> };

/** A Keras activation applied to the Python expression `x`; softmax over `dim` (the channels). */
export function pyActivation(activation: ActivationName, x: string, dim: number): string {
  switch (activation) {
    case 'linear':
      return x;
    case 'relu':
      return `torch.relu(${x})`;
    case 'relu6':
      return `F.relu6(${x})`;
    case 'elu':
      return `F.elu(${x})`;
    case 'selu':
      return `F.selu(${x})`;
    case 'sigmoid':
      return `torch.sigmoid(${x})`;
    case 'hardSigmoid':
      // tfjs's hard sigmoid: clip(0.2·x + 0.5, 0, 1) (PyTorch's F.hardsigmoid uses x/6 + 0.5).
      return `torch.clamp(0.2 * ${x} + 0.5, 0.0, 1.0)`;
    case 'tanh':
      return `torch.tanh(${x})`;
    case 'softmax':
      return `torch.softmax(${x}, dim=${dim})`;
    case 'softplus':
      return `F.softplus(${x})`;
    case 'softsign':
      return `F.softsign(${x})`;
    case 'swish':
      return `F.silu(${x})`;
    case 'gelu':
      return `F.gelu(${x})`;
    case 'gelu_new':
      return `F.gelu(${x}, approximate='tanh')`;
    case 'mish':
      return `F.mish(${x})`;
  }
}
