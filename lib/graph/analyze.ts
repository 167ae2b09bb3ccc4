import type { ArchitectureDocument, LayerNode } from '../schema/document';
import type { GraphIssue, LayerProblem } from './issues';
import { PARAM_LIMITS, showLimit } from '../layers/shared/params';
import { layerDef } from '../layers/registry';
import { formatShape, type Shape } from './shape';
import { incomingEdges, nodesOnCycles, outgoingEdges, reachableFrom, topologicalOrder } from './topology';

export interface ParamTotals {
  total: number;
  trainable: number;
  nonTrainable: number;
}

export interface NodeAnalysis {
  /** Output shape without the batch dimension; null when it cannot be known. */
  outputShape: number[] | null;
  inputShapes: Shape[];
  paramCount: ParamTotals | null;
  issues: GraphIssue[];
}

export interface GraphAnalysis {
  nodes: Record<string, NodeAnalysis>;
  /** The shape flowing along each edge, keyed by edge id. */
  edges: Record<string, number[] | null>;
  /** Every issue, node-level and graph-level. */
  issues: GraphIssue[];
  errorCount: number;
  /** Only when there are no errors: never a wrong total. */
  totals: ParamTotals | null;
  /** Nodes in an order where each comes after its inputs (nodes on cycles left out). */
  order: string[];
  inputId: string | null;
  outputId: string | null;
}

function issueAt(node: LayerNode, problem: LayerProblem, severity: GraphIssue['severity'] = 'error'): GraphIssue {
  const fix = problem.fix
    ? problem.fix.kind === 'insertBefore'
      ? { kind: 'insertBefore' as const, layerType: problem.fix.layerType, nodeId: node.id }
      : { kind: 'setParam' as const, nodeId: node.id, param: problem.fix.param, value: problem.fix.value }
    : undefined;
  return { severity, nodeId: node.id, code: problem.code, values: problem.values, message: problem.message, ...(fix ? { fix } : {}) };
}

function totalsOf(trainable: number, nonTrainable: number): ParamTotals {
  return { total: trainable + nonTrainable, trainable, nonTrainable };
}

/**
 * Shapes, parameter counts and problems of every node. Pure and fast: it runs
 * on every keystroke in the editor.
 */
export function analyzeGraph(doc: ArchitectureDocument): GraphAnalysis {
  const nodes: Record<string, NodeAnalysis> = {};
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  for (const n of doc.nodes) nodes[n.id] = { outputShape: null, inputShapes: [], paramCount: null, issues: [] };
  const graphIssues: GraphIssue[] = [];
  const add = (node: LayerNode, problem: LayerProblem, severity: GraphIssue['severity'] = 'error') =>
    nodes[node.id]!.issues.push(issueAt(node, problem, severity));

  const incoming = incomingEdges(doc);
  const outgoing = outgoingEdges(doc);
  const { order, cyclic } = topologicalOrder(doc);

  // One Input.
  const inputs = doc.nodes.filter((n) => n.type === 'Input');
  if (inputs.length === 0) {
    graphIssues.push({
      severity: 'error',
      nodeId: null,
      code: 'noInput',
      values: {},
      message: 'The model has no Input: add an Input layer and connect the first layer to it',
    });
  } else if (inputs.length > 1) {
    for (const n of inputs) {
      add(n, {
        code: 'severalInputs',
        values: { count: inputs.length },
        message: `The model has ${inputs.length} Inputs but takes exactly one: delete the extra ones`,
      });
    }
  }

  // Cycles: reported on the nodes that form them.
  for (const id of nodesOnCycles(doc, cyclic)) {
    add(byId.get(id)!, {
      code: 'cycle',
      values: {},
      message: 'This layer is part of a cycle: a layer cannot feed back into itself; remove one of the connections',
    });
  }

  // Inputs per layer.
  const structurallyBroken = new Set<string>(cyclic);
  for (const node of doc.nodes) {
    const def = layerDef(node.type);
    const edges = incoming.get(node.id) ?? [];
    const handles = edges.map((e) => e.targetHandle);
    const duplicate = handles.find((h, i) => handles.indexOf(h) !== i);
    if (duplicate) {
      add(node, {
        code: 'handleTwice',
        values: { layer: node.type, handle: duplicate },
        message: `${node.type} has two connections into the same input (${duplicate}): remove one`,
      });
      structurallyBroken.add(node.id);
    }
    if (edges.length < def.inputs.min) {
      structurallyBroken.add(node.id);
      add(
        node,
        def.inputs.min === 1
          ? { code: 'missingInput', values: { layer: node.type }, message: `${node.type} has no input: connect a layer to it` }
          : {
              code: 'tooFewInputs',
              values: { layer: node.type, min: def.inputs.min, count: edges.length },
              message: `${node.type} needs at least ${def.inputs.min} inputs but has ${edges.length}: connect another branch`,
            },
      );
    } else if (edges.length > def.inputs.max) {
      structurallyBroken.add(node.id);
      add(
        node,
        def.inputs.max === 0
          ? { code: 'inputHasInput', values: {}, message: 'Input is where data enters; nothing can connect into it: remove that connection' }
          : {
              code: 'tooManyInputs',
              values: { layer: node.type, count: edges.length },
              message: `${node.type} takes one input but ${edges.length} are connected: remove one, or merge them first with Add or Concatenate`,
            },
      );
    }
  }

  // Connected to the Input.
  const firstInput = inputs[0];
  const reachable = firstInput ? reachableFrom(doc, [firstInput.id]) : new Set<string>();
  if (firstInput) {
    for (const node of doc.nodes) {
      if (node.type === 'Input' || reachable.has(node.id) || structurallyBroken.has(node.id)) continue;
      add(node, {
        code: 'notConnected',
        values: { layer: node.type },
        message: `${node.type} is not connected to the Input: connect it into the chain or delete it`,
      });
      structurallyBroken.add(node.id);
    }
  }

  // Shapes and parameter counts, in order.
  for (const id of order) {
    const node = byId.get(id)!;
    const analysis = nodes[id]!;
    if (structurallyBroken.has(id) && node.type !== 'Input') continue;
    const inputShapes = (incoming.get(id) ?? []).map((e) => nodes[e.source]?.outputShape ?? null);
    if (inputShapes.some((s) => s === null)) continue; // an upstream problem already explains it
    const known = inputShapes as number[][];
    analysis.inputShapes = known;
    const def = layerDef(node.type);
    const result = def.outputShape(known, node.params);
    if (!result.ok) {
      add(node, result.problem);
      continue;
    }
    analysis.outputShape = result.shape;
    const count = def.paramCount(known, node.params);
    const layerTotal = count.trainable + count.nonTrainable;
    // Never show a count that is not exact (or a model no browser could hold): refuse it, naming the layer.
    if (layerTotal > PARAM_LIMITS.params) {
      add(node, {
        code: 'tooManyParams',
        values: { layer: node.type, count: layerTotal, limit: PARAM_LIMITS.params },
        message: `${node.type} would have ${showLimit(layerTotal)} parameters, more than the limit of ${showLimit(PARAM_LIMITS.params)}: make it smaller, or shrink its input (pooling, fewer filters)`,
      });
      continue;
    }
    analysis.paramCount = totalsOf(count.trainable, count.nonTrainable);
  }

  // One output.
  const sinks = doc.nodes.filter((n) => reachable.has(n.id) && (outgoing.get(n.id)?.length ?? 0) === 0);
  if (firstInput && sinks.length > 1) {
    for (const n of sinks) {
      add(n, {
        code: 'severalOutputs',
        values: { count: sinks.length },
        message: `The model has ${sinks.length} loose ends, but one output: connect this layer onward, merge the branches, or delete it`,
      });
    }
  } else if (firstInput && sinks.length === 0 && doc.nodes.length > 0) {
    graphIssues.push({
      severity: 'error',
      nodeId: null,
      code: 'noOutput',
      values: {},
      message: 'The model has no output: every layer feeds another, so there is no last layer',
    });
  }
  const output = sinks.length === 1 ? sinks[0]! : null;
  if (output && output.type !== 'Input') {
    // A Softmax layer or Activation('softmax') after a Dense gives class probabilities too.
    const givesProbabilities =
      output.type === 'Softmax' || ((output.type === 'Dense' || output.type === 'Activation') && output.params.activation === 'softmax');
    if (!givesProbabilities) {
      add(
        output,
        {
          code: 'outputNotSoftmax',
          values: { layer: output.type },
          message: `The last layer is ${output.type}${output.type === 'Dense' ? ` with ${output.params.activation}` : ''}; a classifier ends with Dense(classes, softmax)`,
          ...(output.type === 'Dense' ? { fix: { kind: 'setParam' as const, param: 'activation', value: 'softmax' } } : {}),
        },
        'warning',
      );
    }
  }

  const edges: Record<string, number[] | null> = {};
  for (const e of doc.edges) edges[e.id] = nodes[e.source]?.outputShape ?? null;

  let trainable = 0;
  let nonTrainable = 0;
  for (const n of doc.nodes) {
    trainable += nodes[n.id]!.paramCount?.trainable ?? 0;
    nonTrainable += nodes[n.id]!.paramCount?.nonTrainable ?? 0;
  }
  if (trainable + nonTrainable > PARAM_LIMITS.params) {
    graphIssues.push({
      severity: 'error',
      nodeId: null,
      code: 'tooManyParamsTotal',
      values: { count: trainable + nonTrainable, limit: PARAM_LIMITS.params },
      message: `The model would have ${showLimit(trainable + nonTrainable)} parameters, more than the limit of ${showLimit(PARAM_LIMITS.params)}: make its layers smaller`,
    });
  }

  const issues = [...graphIssues, ...doc.nodes.flatMap((n) => nodes[n.id]!.issues)];
  const errorCount = issues.filter((i) => i.severity === 'error').length;
  const totals: ParamTotals | null = errorCount === 0 ? totalsOf(trainable, nonTrainable) : null;
  return { nodes, edges, issues, errorCount, totals, order, inputId: firstInput?.id ?? null, outputId: output?.id ?? null };
}

export { formatShape };
