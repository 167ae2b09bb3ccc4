// What the ONNX and PyTorch exporters share: the checks before writing (a
// valid graph, every layer expressible, every weight present) and how the
// model's input is described. Pure: no tfjs (lib/export/weights.ts reads a
// tf.LayersModel's weights into LayerWeights).
import { analyzeGraph, incomingEdges, type GraphAnalysis, type GraphIssue } from '../graph';
import type { Shape } from '../graph/shape';
import type { LayerType } from '../layers/registry';
import type { LayerWeight } from '../layers/shared/onnx';
import type { IdentityAtInference, Unsupported } from '../layers/shared/export';
import type { ArchitectureDocument, LayerNode } from '../schema';

export type { LayerWeight };

/** Each node's weights by tfjs slot ('kernel', 'bias', 'gamma', 'moving_mean', …), keyed by node id. */
export type LayerWeights = ReadonlyMap<string, Readonly<Record<string, LayerWeight>>>;

export type ExportFormat = 'onnx' | 'pytorch';

/** A layer the format cannot express, named, with the reason in English. */
export interface UnsupportedLayer {
  nodeId: string;
  type: LayerType;
  reason: string;
}

/** Why an export was refused; nothing is written then. */
export type ExportRefusal =
  | { kind: 'invalid'; issues: GraphIssue[] }
  | { kind: 'unsupported'; format: ExportFormat; layers: UnsupportedLayer[] }
  | { kind: 'missingWeight'; nodeId: string; slot: string; message: string };

export type ExportResult<T> = ({ ok: true } & T) | { ok: false; refusal: ExportRefusal };

/** A node with everything an exporter needs, in an order where each comes after its inputs. */
export interface PlannedNode {
  node: Exclude<LayerNode, { type: 'Input' }>;
  inputIds: string[];
  inputShapes: Shape[];
  outputShape: Shape;
}

export interface ExportPlan {
  analysis: GraphAnalysis;
  input: Extract<LayerNode, { type: 'Input' }>;
  outputId: string;
  outputShape: Shape;
  nodes: PlannedNode[];
}

type Part = { kind: string } | Unsupported | IdentityAtInference;

/** Checks the document and lists its nodes for an exporter; refuses an invalid graph or layers `parts` cannot express. */
export function planExport(doc: ArchitectureDocument, format: ExportFormat, parts: Readonly<Record<Exclude<LayerType, 'Input'>, Part>>): ExportResult<{ plan: ExportPlan }> {
  const analysis = analyzeGraph(doc);
  const errors = analysis.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) return { ok: false, refusal: { kind: 'invalid', issues: errors } };
  const { inputId, outputId } = analysis;
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const input = inputId === null ? undefined : byId.get(inputId);
  if (input?.type !== 'Input' || outputId === null || outputId === inputId) {
    const issue: GraphIssue = {
      severity: 'error',
      nodeId: inputId,
      code: 'nothingToTrain',
      values: {},
      message: 'The model has only an Input: add layers after it, ending with Dense(classes, softmax)',
    };
    return { ok: false, refusal: { kind: 'invalid', issues: [issue] } };
  }
  const incoming = incomingEdges(doc);
  const shapeOf = (id: string): Shape => analysis.nodes[id]?.outputShape ?? [];
  const nodes: PlannedNode[] = [];
  const unsupportedLayers: UnsupportedLayer[] = [];
  for (const id of analysis.order) {
    const node = byId.get(id)!;
    if (node.type === 'Input') continue;
    const part = parts[node.type];
    if (part.kind === 'unsupported') unsupportedLayers.push({ nodeId: id, type: node.type, reason: (part as Unsupported).reason });
    const inputIds = (incoming.get(id) ?? []).map((e) => e.source);
    nodes.push({ node, inputIds, inputShapes: inputIds.map(shapeOf), outputShape: shapeOf(id) });
  }
  if (unsupportedLayers.length > 0) return { ok: false, refusal: { kind: 'unsupported', format, layers: unsupportedLayers } };
  return { ok: true, plan: { analysis, input, outputId, outputShape: shapeOf(outputId), nodes } };
}

/** A node's weight, or the refusal naming it (the weights belong to another architecture). */
export function weightOf(weights: LayerWeights, nodeId: string, slot: string): LayerWeight {
  const weight = weights.get(nodeId)?.[slot];
  if (!weight) throw new MissingWeightError(nodeId, slot);
  return weight;
}

export class MissingWeightError extends Error {
  override readonly name = 'MissingWeightError';
  constructor(
    readonly nodeId: string,
    readonly slot: string,
  ) {
    super(`The weights have no ${slot} for layer "${nodeId}": they belong to another architecture`);
  }
}

export function missingWeight(e: unknown): ExportRefusal | null {
  return e instanceof MissingWeightError ? { kind: 'missingWeight', nodeId: e.nodeId, slot: e.slot, message: e.message } : null;
}

/** The exported input layout in words: images NCHW, other tensors as they are, after the batch. */
export function describeInput(shape: Shape): string {
  if (shape.length === 3) return `float32 [N, ${shape[2]}, ${shape[0]}, ${shape[1]}] (N, channels, height, width)`;
  return `float32 [N, ${shape.join(', ')}]`;
}

/** The exported layout of a tensor of CNN Studio shape `shape`, batch first. */
export function exportedDims(shape: Shape): number[] {
  return shape.length === 3 ? [shape[2]!, shape[0]!, shape[1]!] : [...shape];
}

export const preprocessing = 'pixel values divided by 255 (scaled to [0, 1]), as CNN Studio trains';
