import { describe, expect, it } from 'vitest';
import { assemble, stratifiedSplit } from './assemble';
import type { RawSplit } from './raw';

/** 1×1 images whose single pixel is the label's position in `labels`, so tests can see images travel with labels. */
function raw(file: string, labels: string[], shape: [number, number, number] = [1, 1, 1]): RawSplit {
  const size = shape[0] * shape[1] * shape[2];
  const images = new Uint8Array(labels.length * size);
  labels.forEach((l, i) => images.fill(Number(l) || 0, i * size, (i + 1) * size));
  return { file, shape, count: labels.length, images, labels, locate: (i) => ({ row: i + 2 }) };
}

const signLabels = Array.from({ length: 25 }, (_, v) => v).filter((v) => v !== 9);

describe('assemble', () => {
  it('maps sign-language labels 0-24 without 9 to 24 classes named by their original values', () => {
    const labels = signLabels.flatMap((v) => [String(v), String(v)]);
    const result = assemble(raw('sign.csv', labels), null, 0);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { classNames, train, test } = result.value;
    expect(classNames).toHaveLength(24);
    expect(classNames).toEqual(signLabels.map(String));
    expect(classNames.includes('9')).toBe(false);
    // label 10 follows 8: class index 9
    expect(train.labels[labels.indexOf('10')]).toBe(9);
    expect(Math.max(...train.labels)).toBe(23);
    expect(test).toBeNull();
  });

  it('orders numeric labels by value and other labels alphabetically', () => {
    const numeric = assemble(raw('a.csv', ['10', '2', '10', '2']), null, 0);
    expect(numeric.ok && numeric.value.classNames).toEqual(['2', '10']);
    const words = assemble(raw('b.csv', ['dog', 'cat', 'dog', 'cat']), null, 0);
    expect(words.ok && words.value.classNames).toEqual(['cat', 'dog']);
  });

  it('names the row of a class that has only one image', () => {
    const result = assemble(raw('a.csv', ['0', '0', '1', '2', '2']), null, 0);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([expect.objectContaining({ file: 'a.csv', row: 4, code: 'classOneImage', values: { name: '1' } })]);
  });

  it('refuses a single class', () => {
    const result = assemble(raw('a.csv', ['3', '3', '3']), null, 0);
    expect(result.ok ? null : result.errors[0]?.code).toBe('tooFewClasses');
  });

  it('uses a test file as the test split, naming rows whose label the training file lacks', () => {
    const train = raw('train.csv', ['0', '0', '1', '1']);
    const good = assemble(train, raw('test.csv', ['1', '0']), 0.5);
    if (!good.ok) throw new Error(JSON.stringify(good.errors));
    expect(good.value.train.count).toBe(4);
    expect([...(good.value.test?.labels ?? [])]).toEqual([1, 0]);

    const bad = assemble(train, raw('test.csv', ['1', '7', '0']), 0);
    expect(bad.ok ? [] : bad.errors).toEqual([expect.objectContaining({ file: 'test.csv', row: 3, code: 'classNoTrainImages' })]);
  });

  it('refuses a test file whose images have another shape', () => {
    const result = assemble(raw('train.csv', ['0', '0', '1', '1']), raw('test.csv', ['0', '1'], [2, 2, 1]), 0);
    expect(result.ok ? null : result.errors[0]).toMatchObject({ file: 'test.csv', code: 'shapeDiffers' });
  });

  it('holds out the validation fraction of every class when there is no test file', () => {
    const labels = [...Array<string>(50).fill('1'), ...Array<string>(10).fill('2'), '3', '3'];
    const result = assemble(raw('a.csv', labels), null, 0.2);
    if (!result.ok) throw new Error('expected ok');
    const { train, test } = result.value;
    if (!test) throw new Error('expected a held-out split');
    const perClass = (labels: Uint16Array) => [0, 1, 2].map((c) => labels.filter((l) => l === c).length);
    expect(perClass(test.labels)).toEqual([10, 2, 0]);
    expect(perClass(train.labels)).toEqual([40, 8, 2]);
    // every image still carries its own label (the pixel holds the label value)
    for (const split of [train, test]) split.labels.forEach((l, i) => expect(split.images[i]).toBe(l + 1));
  });
});

describe('stratifiedSplit', () => {
  it('gives the same split every time', () => {
    const split = { images: Uint8Array.from({ length: 40 }, (_, i) => i), labels: Uint16Array.from({ length: 40 }, (_, i) => i % 2), count: 40 };
    const a = stratifiedSplit(split, 2, [1, 1, 1], 0.25);
    const b = stratifiedSplit(split, 2, [1, 1, 1], 0.25);
    expect([...a[1].images]).toEqual([...b[1].images]);
    expect(a[1].count).toBe(10);
    expect(a[0].count + a[1].count).toBe(40);
  });
});
