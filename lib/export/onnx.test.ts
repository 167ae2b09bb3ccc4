// The exported ONNX bytes run in onnxruntime-web (its WASM build, in Node)
// and give tfjs's outputs (CPU backend) within 1e-4, for every template and
// for random valid graphs over every layer type ONNX can express.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import * as ort from 'onnxruntime-web';
import onnxProto from 'onnx-proto';
import { beforeAll, describe, expect, it } from 'vitest';
import { onnxRegistry } from '../layers/onnx.generated';
import { layerTypes, type LayerType } from '../layers/registry';
import type { ArchitectureDocument } from '../schema';
import { templateDocument, templateIds } from '../templates';
import { exportOnnx } from './onnx';
import { maxAbsDifference, randomGraph, referenceRun } from './testing';

const proto = onnxProto.onnx;

beforeAll(async () => {
  await tf.setBackend('cpu');
  ort.env.wasm.numThreads = 1;
  // onnxruntime-web finds its .wasm beside its own files; in Node, point it at node_modules.
  ort.env.wasm.wasmPaths = `${path.join(process.cwd(), 'node_modules', 'onnxruntime-web', 'dist')}/`;
});

async function runOnnx(bytes: Uint8Array, inputName: string, input: { dims: number[]; values: Float32Array }) {
  const session = await ort.InferenceSession.create(bytes);
  try {
    const result = await session.run({ [inputName]: new ort.Tensor('float32', input.values, input.dims) });
    const output = result[session.outputNames[0]!]!;
    return { dims: [...output.dims], values: output.data as Float32Array };
  } finally {
    await session.release();
  }
}

async function expectSameAsTfjs(doc: ArchitectureDocument, seed: number) {
  const reference = referenceRun(doc, seed);
  const exported = exportOnnx(doc, reference.weights);
  if (!exported.ok) throw new Error(JSON.stringify(exported.refusal));
  const inputId = doc.nodes.find((n) => n.type === 'Input')!.id;
  const output = await runOnnx(exported.bytes, inputId, reference.input);
  expect(output.dims).toEqual(reference.output.dims);
  expect(maxAbsDifference(output.values, reference.output.values)).toBeLessThan(1e-4);
}

const expressible = layerTypes.filter((t): t is Exclude<LayerType, 'Input'> => t !== 'Input' && (onnxRegistry[t as Exclude<LayerType, 'Input'>] as { kind: string }).kind !== 'unsupported');

describe('ONNX export', () => {
  it.each(templateIds)('template %s runs in onnxruntime with tfjs’s outputs', async (id) => {
    await expectSameAsTfjs(templateDocument(id), 7);
  });

  it('random valid graphs over every expressible layer type run in onnxruntime with tfjs’s outputs', async () => {
    const seen = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 2 ** 31 - 1 }), async (seed) => {
        const doc = randomGraph(seed, expressible);
        for (const n of doc.nodes) seen.add(n.type);
        await expectSameAsTfjs(doc, seed);
      }),
      { numRuns: 60, seed: 20261201 },
    );
    // A type the draws missed gets a graph led by it, so every type is checked whatever the seeds give.
    for (const [i, type] of expressible.filter((t) => !seen.has(t)).entries()) {
      const doc = randomGraph(7000 + i, expressible, type);
      for (const n of doc.nodes) seen.add(n.type);
      await expectSameAsTfjs(doc, 7000 + i);
    }
    expect([...seen].sort()).toEqual([...layerTypes].sort());
  });

  it('writes opset 13, NCHW input, the preprocessing and the layer names as node names', () => {
    const doc = templateDocument('course-cnn');
    const exported = exportOnnx(doc, referenceRun(doc, 1).weights);
    if (!exported.ok) throw new Error('refused');
    const model = proto.ModelProto.decode(exported.bytes);
    expect(Number(model.opsetImport[0]!.version)).toBe(13);
    expect(model.docString).toContain('[0, 1]');
    const graph = model.graph!;
    const input = graph.input![0]!;
    expect(input.type!.tensorType!.shape!.dim!.map((d) => d.dimParam || Number(d.dimValue))).toEqual(['N', 1, 28, 28]);
    const names = new Set(graph.node!.map((n) => n.name));
    const dropouts = doc.nodes.filter((n) => n.type === 'Dropout');
    expect(dropouts.length).toBeGreaterThan(0);
    for (const node of doc.nodes) if (node.type !== 'Input' && node.type !== 'Dropout') expect(names).toContain(node.id);
    // Dropout is identity at inference: left out.
    for (const node of dropouts) expect(names).not.toContain(node.id);
  });

  it('refuses a graph with errors, naming them, and writes nothing', () => {
    const doc = templateDocument('course-cnn');
    const dense = doc.nodes.find((n) => n.type === 'Flatten')!;
    // Remove the Flatten: Dense then gets an image.
    const broken = { ...doc, nodes: doc.nodes.filter((n) => n.id !== dense.id), edges: doc.edges.map((e) => (e.source === dense.id ? { ...e, source: doc.edges.find((x) => x.target === dense.id)!.source } : e)).filter((e) => e.target !== dense.id) };
    const result = exportOnnx(broken, new Map());
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusal.kind).toBe('invalid');
    if (result.refusal.kind === 'invalid') expect(result.refusal.issues.map((i) => i.code)).toContain('denseNeedsFlat');
  });

  it('refuses weights of another architecture, naming the layer and weight', () => {
    const doc = templateDocument('dense-baseline');
    const result = exportOnnx(doc, new Map());
    expect(result).toMatchObject({ ok: false, refusal: { kind: 'missingWeight' } });
    if (!result.ok && result.refusal.kind === 'missingWeight') expect(result.refusal.message).toMatch(/kernel for layer "/);
  });
});

// ONNX's own checker (full_check: the spec's type and shape inference too), from Debian's python3-onnx.
const python = process.env.CNN_STUDIO_PYTHON ?? '/usr/bin/python3';
const checkerMissing = spawnSync(python, ['-c', 'import onnx'], { encoding: 'utf8' }).status === 0 ? null : `${python} cannot import onnx (apt-get install -y python3-onnx)`;
if (checkerMissing) console.warn(`Skipping the ONNX checker: ${checkerMissing}`);

describe.skipIf(checkerMissing !== null)(checkerMissing ? `ONNX checker (skipped: ${checkerMissing})` : 'ONNX checker', () => {
  it('accepts every template and random graphs with full_check', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cnn-studio-onnx-'));
    try {
      const docs = [...templateIds.map((id) => templateDocument(id)), ...fc.sample(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { numRuns: 20, seed: 99 }).map((seed) => randomGraph(seed, expressible))];
      const files = docs.map((doc, i) => {
        const exported = exportOnnx(doc, referenceRun(doc, i + 1).weights);
        if (!exported.ok) throw new Error(JSON.stringify(exported.refusal));
        const file = path.join(dir, `model${i}.onnx`);
        writeFileSync(file, exported.bytes);
        return file;
      });
      const script = 'import sys, onnx\nfor f in sys.argv[1:]:\n    onnx.checker.check_model(onnx.load(f), full_check=True)\nprint("ok")';
      const run = spawnSync(python, ['-c', script, ...files], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout.trim()).toBe('ok');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
