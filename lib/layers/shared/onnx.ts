// How a layer type writes itself as ONNX nodes (opset 13), beside its
// definition in lib/layers/<Type>/onnx.ts. Pure: a mapping only describes
// nodes and initializers through the context; lib/export/onnx.ts encodes them.
// Layout: image tensors are NCHW in the exported graph (the tfjs side is
// NHWC), flat [n] and [h, w] tensors keep their order after the batch.
import type { Shape } from '../../graph/shape';
import type { LayerType, ParamsOf } from '../registry';
import type { ActivationName } from './params';
import type { IdentityAtInference, Unsupported } from './export';

export type OnnxAttribute = { int: number } | { ints: readonly number[] } | { float: number } | { string: string };

/** One weight as tfjs holds it (kernels HWIO, Dense [in, out]), row-major. */
export interface LayerWeight {
  shape: readonly number[];
  values: Float32Array;
}

export interface OnnxEmitContext {
  /** The layer's name (its node id): the first node it writes carries it. */
  name: string;
  /** The ONNX tensors of its inputs, in the exported layout. */
  inputs: readonly string[];
  /** Its input and output shapes as CNN Studio shows them (channels-last, no batch). */
  inputShapes: readonly Shape[];
  outputShape: Shape;
  /** The tensor the layer's result must be written to (its last node's output). */
  output: string;
  /** A weight of this layer by its tfjs slot ('kernel', 'bias', 'gamma', 'moving_mean', …). */
  weight(slot: string): LayerWeight;
  /** Adds a float32 initializer named after the layer and `slot`; returns its tensor name. */
  constant(slot: string, dims: readonly number[], values: Float32Array): string;
  /** Adds an int64 initializer (the shapes, pads and indices Reshape, Pad and Slice take as inputs); returns its tensor name. */
  intConstant(slot: string, dims: readonly number[], values: readonly number[]): string;
  /** Adds a node; returns its output tensor (`output` when given, else a fresh name). */
  node(opType: string, inputs: readonly string[], attributes?: Readonly<Record<string, OnnxAttribute>>, output?: string): string;
}

export interface OnnxMapping<P> {
  kind: 'onnx';
  emit(params: P, context: OnnxEmitContext): void;
}

export type OnnxPart<P> = OnnxMapping<P> | Unsupported | IdentityAtInference;

export function defineOnnx<P>(emit: (params: P, context: OnnxEmitContext) => void): OnnxMapping<P> {
  return { kind: 'onnx', emit };
}

/** One ONNX mapping per layer type but Input (the graph's input): a missing one fails `tsc`. */
export type OnnxRegistry = { [T in Exclude<LayerType, 'Input'>]: OnnxPart<ParamsOf<T>> };

/** A Keras activation as ONNX nodes from `input` to `output`; softmax runs over `axis` (the channels). */
export function emitActivation(context: OnnxEmitContext, activation: ActivationName, input: string, output: string, axis: number): void {
  const one = (op: string, attributes?: Record<string, OnnxAttribute>) => void context.node(op, [input], attributes, output);
  switch (activation) {
    case 'linear':
      return one('Identity');
    case 'relu':
      return one('Relu');
    case 'relu6':
      context.node('Clip', [input, context.constant('relu6_min', [], new Float32Array([0])), context.constant('relu6_max', [], new Float32Array([6]))], undefined, output);
      return;
    case 'elu':
      return one('Elu', { alpha: { float: 1 } });
    case 'selu':
      // ONNX's default alpha and gamma are Keras's constants, rounded to float32.
      return one('Selu');
    case 'sigmoid':
      return one('Sigmoid');
    case 'hardSigmoid':
      // tfjs: clip(0.2·x + 0.5, 0, 1), ONNX's defaults.
      return one('HardSigmoid', { alpha: { float: 0.2 }, beta: { float: 0.5 } });
    case 'tanh':
      return one('Tanh');
    case 'softmax':
      return one('Softmax', { axis: { int: axis } });
    case 'softplus':
      return one('Softplus');
    case 'softsign':
      return one('Softsign');
    case 'swish': {
      const gate = context.node('Sigmoid', [input]);
      context.node('Mul', [input, gate], undefined, output);
      return;
    }
    case 'gelu': {
      // tfjs: 0.5·x·(1 + erf(x / √2)); ONNX has Gelu only from opset 20.
      const scalar = (slot: string, v: number) => context.constant(slot, [], new Float32Array([v]));
      const erf = context.node('Erf', [context.node('Mul', [input, scalar('gelu_inv_sqrt2', Math.SQRT1_2)])]);
      const onePlus = context.node('Add', [erf, scalar('gelu_one', 1)]);
      context.node('Mul', [context.node('Mul', [input, scalar('gelu_half', 0.5)]), onePlus], undefined, output);
      return;
    }
    case 'gelu_new': {
      // tfjs: 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
      const scalar = (slot: string, v: number) => context.constant(slot, [], new Float32Array([v]));
      const cube = context.node('Mul', [context.node('Mul', [input, input]), input]);
      const inner = context.node('Add', [input, context.node('Mul', [cube, scalar('gelu_new_c', 0.044715)])]);
      const tanh = context.node('Tanh', [context.node('Mul', [inner, scalar('gelu_new_k', Math.sqrt(2 / Math.PI))])]);
      const onePlus = context.node('Add', [tanh, scalar('gelu_new_one', 1)]);
      context.node('Mul', [context.node('Mul', [input, scalar('gelu_new_half', 0.5)]), onePlus], undefined, output);
      return;
    }
    case 'mish': {
      // x·tanh(softplus(x)).
      context.node('Mul', [input, context.node('Tanh', [context.node('Softplus', [input])])], undefined, output);
      return;
    }
  }
}
