// Random graphs drawn over every layer type go out as a TF.js Layers zip and
// back in: the same inference document (training-only layers left out, as the
// export does) and the same predictions, with the trained values.
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../compile';
import { randomGraph } from '../export/testing';
import { layerTypes } from '../layers/registry';
import { analyzeGraph } from '../graph';
import { resolveAxis } from '../layers/shared/axis';
import { toPair } from '../graph/shape';
import { parseArchitectureDocument, type ArchitectureDocument, type LayerNode } from '../schema';
import { exportWeights, importWeights } from '../train/worker/weights';
import { readModelFiles } from './files';
import { inferenceDocument } from './inference';
import { adoptImportedWeights, exportTfjsModel } from './tfjs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/**
 * What a user sees of a document, with the two ways of writing one setting
 * that tfjs's model.json cannot tell apart made one: pooling strides left out
 * (= the pool size) and written out; a normalised axis counted from the end
 * (-1) or the start (tfjs resolves it when the layer is built, as Keras does).
 */
function canonical(doc: ArchitectureDocument) {
  const parsed = parseArchitectureDocument(doc);
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => i.message).join('; '));
  const analysis = analyzeGraph(parsed.document);
  const sameSetting = (n: LayerNode) => {
    const params = { ...(n.params as Record<string, unknown>) };
    if ((n.type === 'MaxPooling2D' || n.type === 'AveragePooling2D') && params.strides === undefined) params.strides = params.poolSize;
    if (n.type === 'MaxPooling2D' || n.type === 'AveragePooling2D') params.strides = JSON.stringify(toPair(params.strides as number | [number, number]));
    if (n.type === 'LayerNormalization' && typeof params.axis === 'number') params.axis = resolveAxis(params.axis, analysis.nodes[n.id]!.inputShapes[0]!.length);
    return params;
  };
  return {
    nodes: parsed.document.nodes.map((n) => ({ id: n.id, type: n.type, params: sameSetting(n) })),
    wiring: parsed.document.edges.map((e) => `${e.source}->${e.target}:${e.targetHandle}`).sort(),
  };
}

const predict = (model: tf.LayersModel, input: tf.Tensor) => tf.tidy(() => Array.from((model.predict(input) as tf.Tensor).dataSync()));

const types = layerTypes.filter((t) => t !== 'Input');
const seeds = Array.from({ length: 150 }, (_, i) => 1000 + i);

describe('random graphs over every layer type', () => {
  it('draws every layer type at least once over the seeds', () => {
    const drawn = new Set(seeds.flatMap((seed) => randomGraph(seed, types).nodes.map((n) => n.type)));
    expect(types.filter((t) => !drawn.has(t))).toEqual([]);
  });

  it.each(seeds)('seed %i: TF.js export -> import gives the same inference graph and identical predictions', async (seed) => {
    const doc = randomGraph(seed, types);
    const trained = compileGraph(doc, { seed });
    if (!trained.ok) throw new Error(trained.issues.map((i) => i.message).join('; '));
    const input = tf.randomUniform([2, ...(doc.nodes[0]!.params as { shape: number[] }).shape], 0, 1, 'float32', seed);
    try {
      const weights = await exportWeights(trained.model);
      const expected = predict(trained.model, input);
      const exported = await exportTfjsModel(doc, weights);
      if (!exported.ok) throw new Error(exported.error);
      const back = readModelFiles([{ name: 'random.zip', bytes: exported.zip }]);
      if (!back.ok) throw new Error(back.problems.map((p) => p.message).join('\n'));
      expect(canonical(back.document)).toEqual(canonical(inferenceDocument(doc)));
      const adopted = await adoptImportedWeights(back.document, back.nodeIdOf, back.weights!);
      if (!adopted.ok) throw new Error(adopted.problems.map((p) => p.message).join('\n'));
      const reloaded = compileGraph(back.document);
      if (!reloaded.ok) throw new Error('the imported document does not compile');
      expect(importWeights(reloaded.model, adopted.payload)).toEqual({ ok: true });
      expect(predict(reloaded.model, input)).toEqual(expected);
      reloaded.model.dispose();
    } finally {
      trained.model.dispose();
      input.dispose();
    }
  });
});
