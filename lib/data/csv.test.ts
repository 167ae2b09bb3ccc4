import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mapLabels } from './classes';
import { csvShape, maxProblems, parseCsv, parseCsvImages } from './csv';
import type { DataError, ParseResult } from './types';

const bytes = (text: string) => new TextEncoder().encode(text);

/** A CSV in sign-language MNIST's layout with `side`×`side` images. */
function csv(rows: (string | number)[][], side = 2): string {
  const header = ['label', ...Array.from({ length: side * side }, (_, i) => `pixel${i + 1}`)].join(',');
  return [header, ...rows.map((r) => r.join(','))].join('\n') + '\n';
}

function errorsOf<T>(result: ParseResult<T>): DataError[] {
  expect(result.ok).toBe(false);
  return result.ok ? [] : result.errors;
}

describe('parseCsv', () => {
  it('reads labels and pixels row by row into HWC bytes', () => {
    const r = parseCsv(bytes(csv([[3, 0, 1, 2, 255], [7, 10, 20, 30, 40]])), 'tiny.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.shape).toEqual([2, 2, 1]);
    expect(r.value.count).toBe(2);
    expect(r.value.labels).toEqual(['3', '7']);
    expect([...r.value.images]).toEqual([0, 1, 2, 255, 10, 20, 30, 40]);
    // rows are file lines: the header is row 1
    expect(r.value.locate(1)).toEqual({ row: 3 });
  });

  it('maps sign-language labels 0-24 without 9 to 24 classes named by their original values', () => {
    const labels = Array.from({ length: 25 }, (_, i) => i).filter((l) => l !== 9);
    const rows = labels.flatMap((l) => [[l, 1, 2, 3, 4], [l, 5, 6, 7, 8]]);
    const r = parseCsv(bytes(csv(rows)), 'sign_mnist_train.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const { classNames, indexOf } = mapLabels(r.value.labels);
    expect(classNames).toHaveLength(24);
    expect(classNames.slice(7, 11)).toEqual(['7', '8', '10', '11']);
    expect(indexOf.get('10')).toBe(9);
    expect(indexOf.get('24')).toBe(23);
    expect(indexOf.has('9')).toBe(false);
  });

  it('accepts a byte order mark, CRLF line ends, quotes, blank lines and a label column that is not first', () => {
    const text = '\uFEFF"pixel1","pixel2","pixel3","pixel4","label"\r\n1,2,3,4,"a"\r\n\r\n5,6,7,8,b\r\n';
    const r = parseCsv(bytes(text), 'windows.csv');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.labels).toEqual(['a', 'b']);
    expect([...r.value.images]).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(r.value.locate(1)).toEqual({ row: 4 });
  });

  it('reads a file without header when its first line is all numbers', () => {
    const r = parseCsv(bytes('1,0,0,0,0\n2,9,9,9,9\n'), 'plain.csv');
    expect(r.ok && r.value.count).toBe(2);
  });

  it('rounds decimal pixels', () => {
    const r = parseCsv(bytes(csv([[0, '12.4', '12.6', '0.0', 1e2]])), 'd.csv');
    expect(r.ok && [...r.value.images]).toEqual([12, 13, 0, 100]);
  });

  it('names the row of a wrong column count', () => {
    const [e] = errorsOf(parseCsv(bytes(csv([[0, 1, 2, 3, 4], [1, 1, 2, 3]])), 'short.csv'));
    expect(e).toMatchObject({ file: 'short.csv', row: 3, code: 'csvColumnCount', values: { actual: 4, expected: 5 } });
    expect(e?.message).toBe('has 4 values; the header has 5 columns');
  });

  it('names the row and column of a pixel outside 0-255', () => {
    const errors = errorsOf(parseCsv(bytes(csv([[0, 1, 2, 3, 256], [1, -1, 0, 0, 0]])), 'range.csv'));
    expect(errors).toMatchObject([
      { row: 2, code: 'csvPixelRange', values: { column: 'pixel4', value: 256 } },
      { row: 3, code: 'csvPixelRange', values: { column: 'pixel1', value: -1 } },
    ]);
  });

  it('names the row and column of a value that is not a number, including an empty one', () => {
    const errors = errorsOf(parseCsv(bytes(csv([[0, 1, 'abc', 3, 4], [1, 1, 2, '', 4]])), 'text.csv'));
    expect(errors).toMatchObject([
      { row: 2, code: 'csvNonNumeric', values: { column: 'pixel2', value: 'abc' } },
      { row: 3, code: 'csvNonNumeric', values: { column: 'pixel3', value: '' } },
    ]);
    expect(errors[0]?.message).toBe('column pixel2: "abc" is not a number');
  });

  it('refuses an empty label', () => {
    expect(errorsOf(parseCsv(bytes(csv([[' ', 1, 2, 3, 4]])), 'l.csv'))).toMatchObject([{ row: 2, code: 'csvEmptyLabel' }]);
  });

  it('stops after a handful of problems instead of listing every bad row', () => {
    const rows = Array.from({ length: 50 }, () => [0, 999, 0, 0, 0]);
    const errors = errorsOf(parseCsv(bytes(csv(rows)), 'bad.csv'));
    expect(errors).toHaveLength(maxProblems + 1);
    expect(errors.at(-1)).toMatchObject({ code: 'tooManyProblems' });
  });

  it('explains a missing header, an empty file and a header without rows', () => {
    expect(errorsOf(parseCsv(bytes('name,a,b\nx,1,2\n'), 'h.csv'))).toMatchObject([{ row: 1, code: 'csvBadHeader', values: { found: 'name,a,b' } }]);
    expect(errorsOf(parseCsv(bytes(' \n\n'), 'e.csv'))).toMatchObject([{ code: 'csvEmpty' }]);
    expect(errorsOf(parseCsv(bytes('label,pixel1\n'), 'n.csv'))).toMatchObject([{ code: 'csvNoRows' }]);
    expect(errorsOf(parseCsv(bytes('label\n1\n'), 'p.csv'))).toMatchObject([{ code: 'csvNoPixels' }]);
  });

  it('needs a shape when the pixel count is not a square, and checks a given shape', () => {
    const six = 'label,p1,p2,p3,p4,p5,p6\n0,1,2,3,4,5,6\n0,1,2,3,4,5,6\n';
    expect(errorsOf(parseCsv(bytes(six), 'rect.csv'))).toMatchObject([{ code: 'csvNeedShape', values: { pixels: 6 } }]);
    const r = parseCsv(bytes(six), 'rect.csv', { shape: [2, 3, 1] });
    expect(r.ok && r.value.shape).toEqual([2, 3, 1]);
    expect(errorsOf(parseCsv(bytes(six), 'rect.csv', { shape: [2, 2, 1] }))).toMatchObject([
      { code: 'shapeMismatch', values: { pixels: 6, shape: '2×2×1', needed: 4 } },
    ]);
    expect(csvShape(3072, 'c.csv', [32, 32, 3])).toEqual({ ok: true, value: [32, 32, 3] });
  });

  it('reports progress on a large file and ends at 1', () => {
    const rows = Array.from({ length: 5000 }, (_, i) => [i % 3, 0, 0, 0, 0]);
    const seen: number[] = [];
    const r = parseCsv(bytes(csv(rows)), 'big.csv', { onProgress: (f) => seen.push(f) });
    expect(r.ok).toBe(true);
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= (seen[i - 1] ?? 0)))).toBe(true);
  });

  it('parseCsvImages gives the same rows from text as parseCsv from bytes', () => {
    const text = csv([[1, 1, 2, 3, 4], [2, 5, 6, 7, 8]]);
    const a = parseCsvImages(text, 'a.csv');
    const b = parseCsv(bytes(text), 'a.csv');
    expect(a.ok && b.ok).toBe(true);
    if (!a.ok || !b.ok) return;
    expect(a.value.images).toEqual(b.value.images);
    expect([...a.value.rows]).toEqual([2, 3]);
  });
});

describe('parseCsv on arbitrary input', () => {
  it('never throws on random bytes: it returns a dataset or errors', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), (data) => {
        const r = parseCsv(data, 'random.csv');
        if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
        else expect(r.value.images.length).toBe(r.value.count * r.value.shape[0] * r.value.shape[1] * r.value.shape[2]);
      }),
      { numRuns: 500 },
    );
  });

  it('never throws on random CSV-like text', () => {
    const cell = fc.oneof(fc.integer({ min: -5, max: 300 }).map(String), fc.constantFrom('', 'x', '1.5', ' 7 ', '"3"', 'label'));
    const line = fc.array(cell, { maxLength: 6 }).map((cells) => cells.join(','));
    fc.assert(
      fc.property(fc.array(line, { maxLength: 8 }), fc.constantFrom('\n', '\r\n'), (lines, eol) => {
        const r = parseCsv(bytes(['label,a,b,c,d', ...lines].join(eol)), 'fuzz.csv');
        if (!r.ok) for (const e of r.errors) expect(e.file).toBe('fuzz.csv');
      }),
      { numRuns: 500 },
    );
  });
});
