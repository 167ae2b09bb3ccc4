// The architecture with its weights as an ONNX model (opset 13), encoded with
// onnx-proto (protobufjs over ONNX's own .proto). Pure: each layer type writes
// its nodes through lib/layers/<Type>/onnx.ts; this walks the graph, names
// tensors and encodes. The input is NCHW float32; layer names are node names.
// A CommonJS module: its default import works in bundlers, vitest and Node's ESM alike (a named import fails in Node).
import onnxProto from 'onnx-proto';
import type { onnx } from 'onnx-proto';
import { onnxRegistry } from '../layers/onnx.generated';
import type { OnnxAttribute, OnnxEmitContext, OnnxMapping } from '../layers/shared/onnx';
import type { ArchitectureDocument } from '../schema';
import { describeInput, exportedDims, missingWeight, planExport, preprocessing, weightOf, type ExportResult, type LayerWeights } from './model';

const proto = onnxProto.onnx;

export const ONNX_OPSET = 13;
/** The IR version that goes with opset 13 (ONNX 1.8). */
const IR_VERSION = 7;

/** Names unique within one namespace: `base`, then `base_2`, `base_3`, … */
function namer(taken: Iterable<string> = []) {
  const used = new Set(taken);
  return (base: string) => {
    let name = base;
    for (let n = 2; used.has(name); n++) name = `${base}_${n}`;
    used.add(name);
    return name;
  };
}

function attribute(name: string, value: OnnxAttribute): onnx.IAttributeProto {
  const { AttributeType } = proto.AttributeProto;
  if ('int' in value) return { name, type: AttributeType.INT, i: value.int };
  if ('ints' in value) return { name, type: AttributeType.INTS, ints: [...value.ints] };
  if ('string' in value) return { name, type: AttributeType.STRING, s: new TextEncoder().encode(value.string) };
  return { name, type: AttributeType.FLOAT, f: value.float };
}

/** int64 little-endian bytes, whatever the machine's byte order. */
function rawInt64s(values: readonly number[]): Uint8Array {
  const bytes = new Uint8Array(values.length * 8);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setBigInt64(i * 8, BigInt(values[i]!), true);
  return bytes;
}

/** float32 little-endian bytes, whatever the machine's byte order. */
function rawFloats(values: Float32Array): Uint8Array {
  const bytes = new Uint8Array(values.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < values.length; i++) view.setFloat32(i * 4, values[i]!, true);
  return bytes;
}

function valueInfo(name: string, dims: readonly number[]): onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType: proto.TensorProto.DataType.FLOAT, shape: { dim: [{ dimParam: 'N' }, ...dims.map((d) => ({ dimValue: d }))] } } },
  };
}

/**
 * The model as ONNX bytes, with `weights` (trained, or a fresh model's
 * initial ones). Refused, naming the culprits, when the graph has errors,
 * a layer has no ONNX form, or a weight is missing.
 */
export function exportOnnx(doc: ArchitectureDocument, weights: LayerWeights): ExportResult<{ bytes: Uint8Array }> {
  const planned = planExport(doc, 'onnx', onnxRegistry);
  if (!planned.ok) return planned;
  const { plan } = planned;
  const ids = [plan.input.id, ...plan.nodes.map((n) => n.node.id)];
  const tensorName = namer(ids);
  const nodeName = namer();
  // Each node's output tensor; a training-only layer passes its input on.
  const tensorOf = new Map<string, string>([[plan.input.id, plan.input.id]]);
  const nodes: onnx.INodeProto[] = [];
  const initializers: onnx.ITensorProto[] = [];
  try {
    for (const { node, inputIds, inputShapes, outputShape } of plan.nodes) {
      const part = onnxRegistry[node.type];
      const inputs = inputIds.map((id) => tensorOf.get(id)!);
      const isOutput = node.id === plan.outputId;
      if (part.kind === 'identity' && !isOutput) {
        tensorOf.set(node.id, inputs[0]!);
        continue;
      }
      let first = true;
      const context: OnnxEmitContext = {
        name: node.id,
        inputs,
        inputShapes,
        outputShape,
        output: node.id,
        weight: (slot) => weightOf(weights, node.id, slot),
        constant(slot, dims, values) {
          const name = tensorName(`${node.id}/${slot}`);
          initializers.push({ name, dims: [...dims], dataType: proto.TensorProto.DataType.FLOAT, rawData: rawFloats(values) });
          return name;
        },
        intConstant(slot, dims, values) {
          const name = tensorName(`${node.id}/${slot}`);
          initializers.push({ name, dims: [...dims], dataType: proto.TensorProto.DataType.INT64, rawData: rawInt64s(values) });
          return name;
        },
        node(opType, nodeInputs, attributes = {}, output) {
          const out = output ?? tensorName(`${node.id}/${opType}`);
          nodes.push({
            name: nodeName(first ? node.id : `${node.id}/${opType}`),
            opType,
            input: [...nodeInputs],
            output: [out],
            attribute: Object.entries(attributes).map(([name, value]) => attribute(name, value)),
          });
          first = false;
          return out;
        },
      };
      if (part.kind === 'identity') context.node('Identity', inputs, undefined, node.id);
      else (part as OnnxMapping<typeof node.params>).emit(node.params, context);
      tensorOf.set(node.id, node.id);
    }
  } catch (e) {
    const refusal = missingWeight(e);
    if (refusal) return { ok: false, refusal };
    throw e;
  }
  const inputShape = plan.input.params.shape;
  const docString = [
    `${doc.name}: exported from CNN Studio (ONNX opset ${ONNX_OPSET}).`,
    `Input "${plan.input.id}": ${describeInput(inputShape)}, ${preprocessing}.`,
    `Output "${plan.outputId}": ${describeInput(plan.outputShape)}.`,
    'Layer names are node names; Dropout and other training-only layers are left out (identity at inference).',
  ].join('\n');
  const model = proto.ModelProto.create({
    irVersion: IR_VERSION,
    opsetImport: [{ domain: '', version: ONNX_OPSET }],
    producerName: 'CNN Studio',
    docString,
    graph: {
      name: doc.name,
      node: nodes,
      initializer: initializers,
      input: [valueInfo(plan.input.id, exportedDims(inputShape))],
      output: [valueInfo(plan.outputId, exportedDims(plan.outputShape))],
    },
  });
  return { ok: true, bytes: proto.ModelProto.encode(model).finish() };
}
