import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { gzipSync } from 'node:zlib';
import { mapLabels } from './classes';
import { maybeGunzip } from './gzip';
import { encodeIdx, parseIdx, parseIdxImages, parseIdxLabels } from './idx';
import { pairIdx } from './split';

// Three 2×2 images and their labels.
const pixels = Uint8Array.from([0, 1, 2, 3, 10, 11, 12, 13, 250, 251, 252, 255]);
const imagesFile = encodeIdx([3, 2, 2], pixels);
const labelsFile = encodeIdx([3], Uint8Array.from([5, 0, 5]));

describe('IDX', () => {
  it('reads an images file and its labels file as one split', () => {
    const r = pairIdx(imagesFile, 'imgs', labelsFile, 'labels');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.shape).toEqual([2, 2, 1]);
    expect(r.value.count).toBe(3);
    expect([...r.value.images]).toEqual([...pixels]);
    expect(mapLabels(Array.from(r.value.rawLabels, String)).classNames).toEqual(['0', '5']);
  });

  it('reads 4-dimensional (colour) image files', () => {
    const r = parseIdxImages(encodeIdx([1, 1, 2, 3], Uint8Array.from([1, 2, 3, 4, 5, 6])), 'rgb');
    expect(r.ok && r.value.shape).toEqual([1, 2, 3]);
  });

  it('reads gzipped files and raw ones the same way', async () => {
    const gz = await maybeGunzip(new Uint8Array(gzipSync(imagesFile)), 'imgs.gz');
    const raw = await maybeGunzip(imagesFile, 'imgs');
    expect(gz.ok && raw.ok).toBe(true);
    if (gz.ok && raw.ok) expect(gz.value).toEqual(raw.value);
  });

  it('names a damaged gzip file', async () => {
    const gz = new Uint8Array(gzipSync(imagesFile));
    const cut = gz.subarray(0, gz.length - 12);
    const r = await maybeGunzip(cut, 'train-images-idx3-ubyte.gz');
    expect(r).toMatchObject({ ok: false, errors: [{ file: 'train-images-idx3-ubyte.gz', code: 'gzipDamaged' }] });
  });

  it('says when the header and the data disagree', () => {
    const truncated = imagesFile.subarray(0, imagesFile.length - 1);
    expect(parseIdx(truncated, 'cut')).toMatchObject({
      ok: false,
      errors: [{ file: 'cut', code: 'idxSizeMismatch', values: { dims: '3×2×2', expected: 12, actual: 11 } }],
    });
    expect(parseIdx(imagesFile.subarray(0, 10), 'head')).toMatchObject({ ok: false, errors: [{ code: 'idxHeaderCut' }] });
    expect(parseIdx(Uint8Array.from([0, 0]), 'tiny')).toMatchObject({ ok: false, errors: [{ code: 'idxTooShort' }] });
  });

  it('refuses files that are not unsigned-byte IDX', () => {
    expect(parseIdx(new TextEncoder().encode('label,pixel1\n'), 'a.csv')).toMatchObject({ ok: false, errors: [{ code: 'idxBadMagic' }] });
    const floats = encodeIdx([1], Uint8Array.from([0, 0, 0, 0]));
    floats[2] = 0x0d;
    expect(parseIdx(floats, 'f')).toMatchObject({ ok: false, errors: [{ code: 'idxUnsupportedType', values: { type: 'float' } }] });
  });

  it('tells an images file from a labels file', () => {
    expect(parseIdxImages(labelsFile, 'labels')).toMatchObject({ ok: false, errors: [{ code: 'idxNotImages' }] });
    expect(parseIdxLabels(imagesFile, 'imgs')).toMatchObject({ ok: false, errors: [{ code: 'idxNotLabels' }] });
    expect(parseIdxImages(encodeIdx([0, 28, 28], new Uint8Array()), 'none')).toMatchObject({ ok: false, errors: [{ code: 'idxNoImages' }] });
  });

  it('names both files when the counts differ', () => {
    const r = pairIdx(imagesFile, 'train-images', encodeIdx([2], Uint8Array.from([1, 2])), 'train-labels');
    expect(r).toMatchObject({ ok: false, errors: [{ file: 'train-labels', code: 'idxCountMismatch', values: { labels: 2, images: 3, imagesFile: 'train-images' } }] });
  });

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.uint8Array({ maxLength: 64 }), (a, b) => {
        const r = pairIdx(a, 'a', b, 'b');
        if (!r.ok) expect(r.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000 },
    );
    // Valid headers with random sizes, so the size checks are reached too.
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 4 }), fc.uint8Array({ maxLength: 200 }), (dims, data) => {
        const file = encodeIdx(dims, data);
        const r = parseIdx(file, 'x');
        expect(r.ok).toBe(dims.reduce((p, d) => p * d, 1) === data.length);
      }),
      { numRuns: 500 },
    );
  });
});
