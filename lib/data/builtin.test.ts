// The built-in summaries promise sizes and hashes without downloading; this
// decodes the real files the way the browser does and holds them to it.
import { describe, expect, it } from 'vitest';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { builtinDatasets, builtinFiles } from './builtin';
import { maybeGunzip } from './gzip';
import { contentHash } from './hash';
import { pairIdx, splitWithKnownClasses } from './split';

async function decode(folder: string, imagesFile: string, labelsFile: string, classCount: number) {
  const read = async (f: string) => {
    const r = await maybeGunzip(new Uint8Array(readFileSync(path.join('public', folder, f))), f);
    if (!r.ok) throw new Error(r.errors[0]?.message);
    return r.value;
  };
  const pair = pairIdx(await read(imagesFile), imagesFile, await read(labelsFile), labelsFile);
  if (!pair.ok) throw new Error(pair.errors[0]?.message);
  const split = splitWithKnownClasses(pair.value, classCount, labelsFile);
  if (!split.ok) throw new Error(split.errors[0]?.message);
  return { shape: pair.value.shape, split: split.value };
}

// The setup step writes the MNIST files (gitignored); a plain .mjs has no types, hence the cast.
const setupStep = '../../scripts/setup/20-datasets.mjs';
const setupDatasets = async () => ((await import(setupStep)) as { default: () => Promise<void> }).default();

describe.each(builtinDatasets.map((d) => [d.summary.id, d] as const))('built-in %s', (_id, def) => {
  it('has the sizes, shape, class count and hash its summary promises', async () => {
    await setupDatasets();
    const s = def.summary;
    const train = await decode(def.folder, builtinFiles.trainImages, builtinFiles.trainLabels, s.classNames.length);
    const test = await decode(def.folder, builtinFiles.testImages, builtinFiles.testLabels, s.classNames.length);
    expect(train.shape).toEqual(s.shape);
    expect(test.shape).toEqual(s.shape);
    expect(train.split.count).toBe(s.trainCount);
    expect(test.split.count).toBe(s.testCount);
    // every class appears in both splits
    for (const split of [train.split, test.split]) expect(new Set(split.labels).size).toBe(s.classNames.length);
    expect(await contentHash(s.shape, s.classNames.length, train.split, test.split)).toBe(s.hash);
    const bytes = Object.values(builtinFiles).reduce((n, f) => n + statSync(path.join('public', def.folder, f)).size, 0);
    expect(bytes).toBe(def.approxBytes);
  });
});
