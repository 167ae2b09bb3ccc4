// Every template out as a TF.js Layers zip and back in: plain tfjs loads the
// zip and predicts as the app does, and importing it gives the same document
// (ids, params, wiring; training-only layers left out) and the same predictions.
import * as tf from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGraph } from '../compile';
import type { ArchitectureDocument } from '../schema';
import { templateDocument, templateIds } from '../templates';
import { exportWeights, importWeights } from '../train/worker/weights';
import { readModelFiles } from './files';
import { inferenceDocument } from './inference';
import { adoptImportedWeights, exportTfjsModel, WEIGHTS_FILE } from './tfjs';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** What a user sees of a document: its layers with their settings, and which output feeds which input. */
function shapeOf(doc: ArchitectureDocument) {
  return {
    nodes: doc.nodes.map((n) => ({ id: n.id, type: n.type, params: n.params })),
    wiring: doc.edges.map((e) => `${e.source}->${e.target}:${e.targetHandle}`).sort(),
  };
}

function predict(model: tf.LayersModel, input: tf.Tensor): Float32Array {
  return tf.tidy(() => (model.predict(input) as tf.Tensor).dataSync() as Float32Array);
}

function maxDifference(a: Float32Array, b: Float32Array): number {
  expect(a.length).toBe(b.length);
  return a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i]!)), 0);
}

describe.each(templateIds)('template %s', (id) => {
  it('exports a zip that plain tfjs loads and that imports back as the same document and predictions', async () => {
    const doc = templateDocument(id);
    const trained = compileGraph(doc, { seed: 7 });
    if (!trained.ok) throw new Error('template does not compile');
    const weights = await exportWeights(trained.model);
    const input = tf.randomUniform([3, ...(doc.nodes.find((n) => n.type === 'Input')!.params as { shape: number[] }).shape], 0, 1, 'float32', 3);
    const expected = predict(trained.model, input);

    const exported = await exportTfjsModel(doc, weights);
    if (!exported.ok) throw new Error(exported.error);
    const files = unzipSync(exported.zip);
    expect(Object.keys(files).sort()).toEqual(['model.json', WEIGHTS_FILE].sort());
    const modelJson = JSON.parse(strFromU8(files['model.json']!));
    expect(modelJson.format).toBe('layers-model');
    expect(modelJson.weightsManifest[0].paths).toEqual([`./${WEIGHTS_FILE}`]);
    // No training-only layer (Dropout) in the inference model: plain tfjs needs nothing of ours.
    expect(JSON.stringify(modelJson.modelTopology)).not.toContain('"Dropout"');

    // Plain tfjs, as a user would load it (tf.loadLayersModel), predicts what the app predicts.
    const plain = await tf.loadLayersModel(
      tf.io.fromMemory({ modelTopology: modelJson.modelTopology, weightSpecs: modelJson.weightsManifest[0].weights, weightData: files[WEIGHTS_FILE]!.slice().buffer }),
    );
    expect(maxDifference(predict(plain, input), expected)).toBe(0);
    plain.dispose();

    // And back in: the same document, with the trained values.
    const back = readModelFiles([{ name: 'Course-CNN.zip', bytes: exported.zip }]);
    if (!back.ok) throw new Error(back.problems.map((p) => p.message).join('\n'));
    expect(back.format).toBe('tfjs');
    expect(shapeOf(back.document)).toEqual(shapeOf(inferenceDocument(doc)));
    expect(back.weights).not.toBeNull();
    const adopted = await adoptImportedWeights(back.document, back.nodeIdOf, back.weights!);
    if (!adopted.ok) throw new Error(adopted.problems.map((p) => p.message).join('\n'));
    const reloaded = compileGraph(back.document);
    if (!reloaded.ok) throw new Error('imported document does not compile');
    expect(importWeights(reloaded.model, adopted.payload)).toEqual({ ok: true });
    expect(maxDifference(predict(reloaded.model, input), expected)).toBe(0);

    // The same two files picked one by one instead of as a zip.
    const picked = readModelFiles([
      { name: 'model.json', bytes: files['model.json']! },
      { name: WEIGHTS_FILE, bytes: files[WEIGHTS_FILE]! },
    ]);
    expect(picked.ok && picked.weights?.data.byteLength).toBe(files[WEIGHTS_FILE]!.byteLength);

    reloaded.model.dispose();
    trained.model.dispose();
    input.dispose();
  });
});

describe('a tfjs Sequential model saved by tfjs itself', () => {
  it('imports with its weights (the Input comes from the first layer’s batch_input_shape) and predicts as tfjs does', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.conv2d({ inputShape: [12, 12, 3], filters: 4, kernelSize: 3, activation: 'relu', name: 'features' }),
        tf.layers.batchNormalization({ name: 'norm' }),
        tf.layers.maxPooling2d({ poolSize: 2, name: 'pool' }),
        tf.layers.dropout({ rate: 0.25, name: 'drop' }),
        tf.layers.flatten({ name: 'flat' }),
        tf.layers.dense({ units: 5, activation: 'softmax', name: 'classes' }),
      ],
    });
    // Moving statistics that are not the initial ones, so they must come across too.
    const norm = model.getLayer('norm');
    norm.setWeights(norm.getWeights().map((w, i) => tf.fill(w.shape, 0.5 + i / 4)));
    const files: Record<string, Uint8Array> = {};
    await model.save(
      tf.io.withSaveHandler(async (a) => {
        const data = Array.isArray(a.weightData) ? tf.io.concatenateArrayBuffers(a.weightData) : a.weightData!;
        files['model.json'] = new TextEncoder().encode(JSON.stringify({ modelTopology: a.modelTopology, format: a.format, generatedBy: a.generatedBy, weightsManifest: [{ paths: ['./seq.weights.bin'], weights: a.weightSpecs }] }));
        files['seq.weights.bin'] = new Uint8Array(data);
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const result = readModelFiles(Object.entries(files).map(([name, bytes]) => ({ name, bytes })));
    if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
    expect(result.document.nodes.map((n) => `${n.id}:${n.type}`)).toEqual(['input:Input', 'features:Conv2D', 'norm:BatchNormalization', 'pool:MaxPooling2D', 'drop:Dropout', 'flat:Flatten', 'classes:Dense']);
    expect(result.document.nodes[0]!.params).toEqual({ shape: [12, 12, 3] });
    const adopted = await adoptImportedWeights(result.document, result.nodeIdOf, result.weights!);
    if (!adopted.ok) throw new Error(adopted.problems.map((p) => p.message).join('\n'));
    const ours = compileGraph(result.document);
    if (!ours.ok) throw new Error('does not compile');
    expect(importWeights(ours.model, adopted.payload)).toEqual({ ok: true });
    const input = tf.randomUniform([2, 12, 12, 3], 0, 1, 'float32', 5);
    expect(maxDifference(predict(ours.model, input), predict(model, input))).toBe(0);
    ours.model.dispose();
    model.dispose();
    input.dispose();
  });
});
