// The exported model.py runs with real PyTorch (Debian's python3-torch) on
// inputs saved by the test and gives tfjs's outputs (CPU backend) within
// 1e-4, for every template, random valid graphs over every type PyTorch can
// express, and node ids a user could type. Skipped, saying why, without
// python3 + torch + numpy (.ci/run installs them).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anyText, hasPython, parsePython } from '../codegen/testing';
import { analyzeGraph } from '../graph';
import { pytorchRegistry } from '../layers/pytorch.generated';
import { layerTypes, type LayerType } from '../layers/registry';
import { unsupported } from '../layers/shared/export';
import type { ArchitectureDocument } from '../schema';
import { templateDocument, templateIds } from '../templates';
import { planExport } from './model';
import { npyFloat32 } from './npy';
import { exportPytorch, moduleAttributeNames } from './pytorch';
import { maxAbsDifference, randomGraph, referenceRun } from './testing';
import { python, pythonMissing, runInTorch, type TorchCase } from './torch-testing';

const torchMissing = pythonMissing(['torch', 'numpy']);
if (torchMissing) console.warn(`Skipping the PyTorch run: ${torchMissing}`);

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function withIds(doc: ArchitectureDocument, ids: readonly string[]): ArchitectureDocument {
  const rename = new Map(doc.nodes.map((n, i) => [n.id, ids[i]!]));
  return {
    ...doc,
    nodes: doc.nodes.map((n) => ({ ...n, id: rename.get(n.id)! }) as typeof n),
    edges: doc.edges.map((e) => ({ ...e, source: rename.get(e.source)!, target: rename.get(e.target)! })),
  };
}

const expressible = layerTypes.filter((t): t is Exclude<LayerType, 'Input'> => t !== 'Input' && (pytorchRegistry[t as Exclude<LayerType, 'Input'>] as { kind: string }).kind !== 'unsupported');
// Ids that Python or nn.Module would trip on and that tfjs still compiles (lib/compile gives ids with quotes,
// spaces or other scripts a name tfjs refuses, so those are judged by the parse test below).
const hostileIds = ['training', '_parameters', 'x', 'self', 'a/b', 'forward', 'F', '1st', 'torch', '_', 'np', 'weights', 'eval', '-dash', 'a.b', 'Model'];

describe.skipIf(torchMissing !== null)(torchMissing ? `PyTorch export runs in PyTorch (skipped: ${torchMissing})` : 'PyTorch export runs in PyTorch', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cnn-studio-pytorch-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives tfjs’s outputs within 1e-4 for every template, random graphs over every type and hostile node ids', () => {
    const cases: TorchCase[] = [];
    for (const id of templateIds) cases.push({ label: id, doc: templateDocument(id), reference: referenceRun(templateDocument(id), 3) });
    const residual = templateDocument('residual');
    const hostile = withIds({ ...residual, name: 'Nice\rprint("INJECTED")' }, hostileIds.slice(0, residual.nodes.length));
    cases.push({ label: 'hostile ids', doc: hostile, reference: referenceRun(hostile, 5) });
    const seen = new Set<string>();
    for (const seed of fc.sample(fc.integer({ min: 1, max: 2 ** 31 - 1 }), { numRuns: 40, seed: 424242 })) {
      const doc = randomGraph(seed, expressible);
      for (const n of doc.nodes) seen.add(n.type);
      cases.push({ label: `random ${seed}`, doc, reference: referenceRun(doc, seed) });
    }
    // A type the draws missed gets a graph led by it, so every type is checked whatever the seeds give.
    for (const [i, type] of expressible.filter((t) => !seen.has(t)).entries()) {
      const doc = randomGraph(7000 + i, expressible, type);
      for (const n of doc.nodes) seen.add(n.type);
      cases.push({ label: `random led by ${type}`, doc, reference: referenceRun(doc, 7000 + i) });
    }
    expect([...seen].sort()).toEqual([...layerTypes].sort());
    const run = runInTorch(dir, cases);
    expect(run.stderr).not.toMatch(/Traceback/);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('INJECTED');
    cases.forEach((c, i) => {
      const { shape, output } = run.results[i]!;
      expect({ label: c.label, shape }).toEqual({ label: c.label, shape: c.reference.output.dims });
      expect({ label: c.label, error: maxAbsDifference(output, c.reference.output.values) < 1e-4 }).toEqual({ label: c.label, error: true });
    });
  });

  it('python model.py loads weights.npz beside it, prints the parameter count the editor shows, and predicts with --input', () => {
    const doc = templateDocument('course-cnn');
    const reference = referenceRun(doc, 1);
    const exported = exportPytorch(doc, reference.weights);
    if (!exported.ok) throw new Error('refused');
    const folder = join(dir, 'script');
    mkdirSync(folder);
    for (const [name, bytes] of Object.entries(unzipSync(exported.zip))) writeFileSync(join(folder, name), bytes);
    const run = spawnSync(python, ['model.py'], { cwd: folder, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const totals = analyzeGraph(doc).totals!;
    const fmt = (n: number) => n.toLocaleString('en-US');
    expect(run.stdout.trim()).toBe(`Parameters: ${fmt(totals.total)} (${fmt(totals.trainable)} trainable, ${fmt(totals.nonTrainable)} non-trainable)`);
    // The README's prediction command: images in, predictions out as .npy.
    writeFileSync(join(folder, 'images.npy'), npyFloat32(reference.input.dims, reference.input.values));
    const predict = spawnSync(python, ['model.py', '--input', 'images.npy', '--output', 'predictions.npy'], { cwd: folder, encoding: 'utf8' });
    expect(predict.status, predict.stderr).toBe(0);
    const check = spawnSync(python, ['-c', "import numpy as np; np.load('predictions.npy').astype('<f4').tofile('predictions.bin')"], { cwd: folder, encoding: 'utf8' });
    expect(check.status, check.stderr).toBe(0);
    const bytes = readFileSync(join(folder, 'predictions.bin'));
    expect(maxAbsDifference(new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4), reference.output.values)).toBeLessThan(1e-4);
  });
});

describe('PyTorch export', () => {
  it('zips model.py, weights.npz and a README saying how to run it', () => {
    const doc = templateDocument('lenet5');
    const exported = exportPytorch(doc, referenceRun(doc, 1).weights);
    if (!exported.ok) throw new Error('refused');
    const files = unzipSync(exported.zip);
    expect(Object.keys(files).sort()).toEqual(['README.md', 'model.py', 'weights.npz']);
    expect(strFromU8(files['README.md']!)).toContain('python model.py');
    expect(strFromU8(files['model.py']!)).toMatch(/^import torch$/m);
    expect(strFromU8(files['model.py']!)).not.toMatch(/^import (tensorflow|keras)/m);
  });

  it('module attribute names are identifiers that never shadow nn.Module or the code’s own names', () => {
    const names = moduleAttributeNames(hostileIds);
    const values = [...names.values()];
    expect(new Set(values).size).toBe(hostileIds.length);
    for (const name of values) expect(name).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
    for (const taken of ['training', 'forward', 'x', 'self', 'F', 'torch', 'np', 'weights', 'eval']) expect(values).not.toContain(taken);
    expect(names.get('a/b')).toBe('a_b');
    expect(moduleAttributeNames(['conv 1', '名字']).get('conv 1')).toBe('conv_1');
  });

  it.skipIf(!hasPython)('any Unicode name and node ids give model.py that Python parses, with nothing injected (python3 judges)', () => {
    const cases = fc.sample(fc.record({ name: anyText({ minLength: 1, maxLength: 40 }), ids: fc.uniqueArray(anyText({ minLength: 1, maxLength: 12 }), { minLength: 16, maxLength: 16 }) }), { numRuns: 60, seed: 17 });
    const base = templateDocument('residual');
    const weights = referenceRun(base, 2).weights;
    const plain = exportPytorch(base, weights);
    if (!plain.ok) throw new Error('refused');
    const sources = cases.map(({ name, ids }) => {
      const doc = withIds({ ...base, name }, ids.slice(0, base.nodes.length));
      const rename = new Map(base.nodes.map((n, i) => [n.id, ids[i]!]));
      const exported = exportPytorch(doc, new Map([...weights].map(([id, w]) => [rename.get(id)!, w])));
      if (!exported.ok) throw new Error('refused');
      return exported.files['model.py'];
    });
    const parsed = parsePython([plain.files['model.py'], ...sources]);
    const reference = parsed[0]!;
    cases.forEach((c, i) => {
      const hostile = parsed[i + 1]!;
      const shown = JSON.stringify(c);
      expect(hostile.error, shown).toBeNull();
      // Same statements (names aside) and the same number of comments: nothing injected, nothing lost.
      expect(hostile.skeleton.length, shown).toBe(reference.skeleton.length);
      expect(hostile.comments.length, shown).toBe(reference.comments.length);
    });
  });

  it('refuses a layer the format cannot express, naming it, and a graph with errors', () => {
    const doc = templateDocument('course-cnn');
    const parts = { ...pytorchRegistry, Conv2D: unsupported('no such operator') };
    const planned = planExport(doc, 'pytorch', parts);
    const convs = doc.nodes.filter((n) => n.type === 'Conv2D').map((n) => n.id);
    expect(planned).toEqual({ ok: false, refusal: { kind: 'unsupported', format: 'pytorch', layers: convs.map((nodeId) => ({ nodeId, type: 'Conv2D', reason: 'no such operator' })) } });
    const broken = { ...doc, nodes: doc.nodes.filter((n) => n.type !== 'Flatten'), edges: [] };
    expect(exportPytorch(broken, new Map())).toMatchObject({ ok: false, refusal: { kind: 'invalid' } });
  });
});
