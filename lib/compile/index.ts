import * as tf from '@tensorflow/tfjs';
import { analyzeGraph, incomingEdges, type GraphAnalysis, type GraphIssue } from '../graph';
import type { ArchitectureDocument } from '../schema';
import { buildLayer } from './layers';
import { layerNamesFor } from './layerName';

export { assertNever } from './assertNever';

export interface CompileOptions {
  /** Makes the initial kernels reproducible: the same seed gives the same weights. */
  seed?: number;
}

export interface CompiledModel {
  ok: true;
  model: tf.LayersModel;
  /** node id -> tfjs layer name (usually the id itself). */
  layerNameOf: ReadonlyMap<string, string>;
  /** tfjs layer name -> node id, to map weights, feature maps and errors back. */
  nodeIdOf: ReadonlyMap<string, string>;
  analysis: GraphAnalysis;
}

export type CompileResult = CompiledModel | { ok: false; issues: GraphIssue[] };

/**
 * Builds a tf.LayersModel from a document with the functional API
 * (tf.input / layer.apply), so branches and merges work, not only chains.
 * An invalid graph is never handed to tfjs: the result then carries
 * analyzeGraph's errors. The caller owns the model and must dispose it.
 */
export function compileGraph(doc: ArchitectureDocument, options: CompileOptions = {}): CompileResult {
  const analysis = analyzeGraph(doc);
  const errors = analysis.issues.filter((i) => i.severity === 'error');
  if (errors.length > 0) return { ok: false, issues: errors };
  const { inputId, outputId } = analysis;
  if (inputId === null || outputId === null || inputId === outputId) {
    return {
      ok: false,
      issues: [
        {
          severity: 'error',
          nodeId: inputId,
          code: 'nothingToTrain',
          values: {},
          message: 'The model has only an Input: add layers after it, ending with Dense(classes, softmax)',
        },
      ],
    };
  }

  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const layerNameOf = layerNamesFor(doc.nodes.map((n) => n.id));
  const nodeIdOf = new Map([...layerNameOf].map(([id, name]) => [name, id]));
  const incoming = incomingEdges(doc);
  const outputs = new Map<string, tf.SymbolicTensor>();
  let building: string | null = null;
  try {
    for (const id of analysis.order) {
      building = id;
      const node = byId.get(id)!;
      const name = layerNameOf.get(id)!;
      if (node.type === 'Input') {
        outputs.set(id, tf.input({ shape: node.params.shape, name }));
        continue;
      }
      const layer = buildLayer(node, name, options.seed ?? null);
      const inputs = (incoming.get(id) ?? []).map((e) => outputs.get(e.source)!);
      const out = layer.apply(inputs.length === 1 ? inputs[0]! : inputs) as tf.SymbolicTensor;
      outputs.set(id, out);
    }
    building = null;
    const model = tf.model({ inputs: outputs.get(inputId)!, outputs: outputs.get(outputId)! });
    return { ok: true, model, layerNameOf, nodeIdOf, analysis };
  } catch (e) {
    // analyzeGraph and tfjs disagree: a bug, but the user still gets a message naming the layer.
    const detail = e instanceof Error ? e.message : String(e);
    const node = building ? byId.get(building) : undefined;
    return {
      ok: false,
      issues: [
        {
          severity: 'error',
          nodeId: node?.id ?? null,
          code: 'compileFailed',
          values: { layer: node?.type ?? 'model', detail },
          message: node
            ? `tfjs could not build ${node.type} "${node.id}": ${detail}`
            : `tfjs could not assemble the model: ${detail}`,
        },
      ],
    };
  }
}
