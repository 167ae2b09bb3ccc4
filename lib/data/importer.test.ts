import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { encodeIdx } from './idx';
import { datasetNameFrom, guessRole, parseImport, type InputFile } from './importer';
import { decodeFake, fakeGray, makeZip } from './testing';

const text = (s: string) => new TextEncoder().encode(s);
const file = (name: string, bytes: Uint8Array, role: 'train' | 'test' = 'train'): InputFile => ({ name, bytes, role });
const run = (files: InputFile[], options = {}) => parseImport(files, { validationFraction: 0, ...options }, decodeFake);

/** 2×2 grayscale CSV rows: label then four pixels. */
function csv(rows: [string, number][]): Uint8Array {
  return text(['label,pixel1,pixel2,pixel3,pixel4', ...rows.map(([l, p]) => `${l},${p},${p},${p},${p}`)].join('\n') + '\n');
}

describe('parseImport', () => {
  it('imports a CSV with a separate test CSV and names the dataset after the training file', async () => {
    const result = await run([
      file('sign_mnist_train.csv', csv([['0', 1], ['0', 2], ['24', 3], ['24', 4], ['10', 5], ['10', 6]])),
      file('sign_mnist_test.csv', csv([['24', 7], ['0', 8]]), 'test'),
    ]);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { name, shape, classNames, train, test } = result.value;
    expect(name).toBe('sign_mnist');
    expect(shape).toEqual([2, 2, 1]);
    expect(classNames).toEqual(['0', '10', '24']);
    expect([...train.labels]).toEqual([0, 0, 2, 2, 1, 1]);
    expect([...(test?.labels ?? [])]).toEqual([2, 0]);
    expect([...(test?.images.subarray(0, 4) ?? [])]).toEqual([7, 7, 7, 7]);
  });

  it('holds out a validation split when there is no test file', async () => {
    const rows: [string, number][] = Array.from({ length: 20 }, (_, i) => [String(i % 2), i]);
    const result = await parseImport([file('a.csv', csv(rows))], { validationFraction: 0.2 }, decodeFake);
    if (!result.ok) throw new Error('expected ok');
    expect(result.value.train.count).toBe(16);
    expect(result.value.test?.count).toBe(4);
  });

  it('takes the image shape from the user when the pixel count is not square', async () => {
    const rows = text('label,p1,p2,p3,p4,p5,p6\n0,1,2,3,4,5,6\n0,1,2,3,4,5,6\n1,1,2,3,4,5,6\n1,1,2,3,4,5,6\n');
    const without = await run([file('wide.csv', rows)]);
    expect(without.ok ? null : without.errors[0]?.code).toBe('csvNeedShape');
    const withShape = await run([file('wide.csv', rows)], { shape: [2, 3, 1] });
    expect(withShape.ok && withShape.value.shape).toEqual([2, 3, 1]);
  });

  it('names the CSV row with a bad pixel and keeps nothing', async () => {
    const bad = text('label,pixel1,pixel2,pixel3,pixel4\n0,1,2,3,4\n1,1,300,3,4\n');
    const result = await run([file('broken.csv', bad)]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ file: 'broken.csv', row: 3 });
    expect(result.errors[0]?.message).toContain('300');
  });

  it('imports IDX images and labels, gzipped or raw, in any order, mapping the label values', async () => {
    const images = encodeIdx([4, 2, 2], Uint8Array.from({ length: 16 }, (_, i) => i * 10));
    const labels = encodeIdx([4], new Uint8Array([3, 7, 3, 7]));
    const result = await run([file('letters-labels-idx1-ubyte', labels), file('letters-images-idx3-ubyte.gz', gzipSync(images))]);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.classNames).toEqual(['3', '7']);
    expect([...result.value.train.labels]).toEqual([0, 1, 0, 1]);
    expect(result.value.shape).toEqual([2, 2, 1]);
    expect(result.value.train.images[4]).toBe(40);
  });

  it('asks for the missing half of an IDX pair', async () => {
    const labels = encodeIdx([2], new Uint8Array([0, 1]));
    const result = await run([file('l.idx', labels)]);
    expect(result.ok ? null : result.errors[0]).toMatchObject({ file: 'l.idx', code: 'idxMissingImages' });
  });

  it('imports a zip of class folders', async () => {
    const zip = makeZip({ 'cat/1.png': fakeGray(3, 3, 1), 'cat/2.png': fakeGray(3, 3, 2), 'dog/1.png': fakeGray(3, 3, 3), 'dog/2.png': fakeGray(3, 3, 4) });
    const result = await run([file('pets.zip', zip)]);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.value.name).toBe('pets');
    expect(result.value.classNames).toEqual(['cat', 'dog']);
    expect(result.value.train.count).toBe(4);
  });

  it('refuses mixed formats, two training CSVs, only test files and unknown files, naming the file', async () => {
    const a = csv([['0', 1], ['0', 1], ['1', 1], ['1', 1]]);
    const zip = makeZip({ 'x/1.png': fakeGray(1, 1, 0) });
    const mixed = await run([file('a.csv', a), file('b.zip', zip)]);
    expect(mixed.ok ? null : mixed.errors[0]).toMatchObject({ file: 'b.zip', code: 'filesCombination' });
    const two = await run([file('a.csv', a), file('b.csv', a)]);
    expect(two.ok ? null : two.errors[0]).toMatchObject({ file: 'b.csv', code: 'filesCombination' });
    const onlyTest = await run([file('a.csv', a, 'test')]);
    expect(onlyTest.ok ? null : onlyTest.errors[0]?.code).toBe('noTrainingFile');
    const unknown = await run([file('notes.txt', text('hello'))]);
    expect(unknown.ok ? null : unknown.errors[0]).toMatchObject({ file: 'notes.txt', code: 'unknownFormat' });
    const none = await run([]);
    expect(none.ok ? null : none.errors[0]?.code).toBe('noFiles');
  });

  it('never throws on random bytes under any file name', async () => {
    const names = fc.constantFrom('x.csv', 'x.gz', 'x.zip', 'x-idx3-ubyte', 'x.bin');
    const prefixes = fc.constantFrom([], [0x1f, 0x8b], [0x50, 0x4b, 3, 4], [0, 0, 8, 1], [0, 0, 8, 3], [...text('label,pixel1\n')]);
    await fc.assert(
      fc.asyncProperty(names, prefixes, fc.uint8Array({ maxLength: 200 }), async (name, prefix, noise) => {
        const result = await run([file(name, new Uint8Array([...prefix, ...noise]))]);
        if (!result.ok) expect(result.errors.every((e) => typeof e.message === 'string' && e.message.length > 0)).toBe(true);
      }),
      { numRuns: 400 },
    );
  });

  it('never throws on random CSV-like text', async () => {
    const cellText = fc.oneof(fc.integer({ min: -5, max: 300 }).map(String), fc.constantFrom('', 'x', '1.5', '"3"', ' 4 '));
    const line = fc.array(cellText, { minLength: 0, maxLength: 6 }).map((cells) => cells.join(','));
    await fc.assert(
      fc.asyncProperty(fc.array(line, { maxLength: 12 }), fc.constantFrom('\n', '\r\n'), async (lines, eol) => {
        const result = await run([file('r.csv', text(['label,pixel1,pixel2,pixel3,pixel4', ...lines].join(eol)))]);
        if (result.ok) expect(result.value.train.images.length).toBe(result.value.train.count * 4);
        else expect(result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });
});

describe('guessRole and datasetNameFrom', () => {
  it('recognises test and validation files by name', () => {
    expect(['t10k-images-idx3-ubyte.gz', 'sign_mnist_test.csv', 'valid.zip', 'digits-val.csv'].map(guessRole)).toEqual(['test', 'test', 'test', 'test']);
    expect(['sign_mnist_train.csv', 'train-labels-idx1-ubyte.gz', 'interval.csv', 'contest.csv'].map(guessRole)).toEqual(['train', 'train', 'train', 'train']);
  });

  it('names a dataset after its training file', () => {
    expect(datasetNameFrom('sign_mnist_train.csv')).toBe('sign_mnist');
    expect(datasetNameFrom('train-images-idx3-ubyte.gz')).toBe('train-images');
    expect(datasetNameFrom('pets.zip')).toBe('pets');
  });
});
