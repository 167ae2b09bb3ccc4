import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFake, fakeGray, fakeImage, makeZip } from './testing';
import { parseImageFolderZip } from './zip';

const parse = (zip: Uint8Array, shape?: [number, number, number]) => parseImageFolderZip(zip, 'pets.zip', decodeFake, { shape });

describe('parseImageFolderZip', () => {
  it('reads one folder per class, looking through a wrapping folder, with class names sorted', async () => {
    const zip = makeZip({
      'pets/dog/1.png': fakeGray(2, 2, 200),
      'pets/dog/2.png': fakeGray(2, 2, 210),
      'pets/cat/a.png': fakeGray(2, 2, 10),
      'pets/cat/b.jpg': fakeGray(2, 2, 20),
      '__MACOSX/pets/cat/._a.png': new Uint8Array([1]),
      'pets/cat/.DS_Store': new Uint8Array([1]),
    });
    const result = await parse(zip);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { shape, count, images, labels, locate } = result.value;
    expect(shape).toEqual([2, 2, 1]);
    expect(count).toBe(4);
    expect(labels).toEqual(['cat', 'cat', 'dog', 'dog']);
    expect([...images.subarray(0, 4)]).toEqual([10, 10, 10, 10]);
    expect([...images.subarray(12, 16)]).toEqual([210, 210, 210, 210]);
    expect(locate(3)).toEqual({ entry: 'pets/dog/2.png' });
  });

  it('keeps colour images as three channels', async () => {
    const red = fakeImage(1, 1, () => [255, 0, 0]);
    const result = await parse(makeZip({ 'a/1.png': red, 'a/2.png': red, 'b/1.png': red, 'b/2.png': red }));
    if (!result.ok) throw new Error('expected ok');
    expect(result.value.shape).toEqual([1, 1, 3]);
    expect([...result.value.images.subarray(0, 3)]).toEqual([255, 0, 0]);
  });

  it('names the image whose size differs from the first, and resizes instead when a shape is chosen', async () => {
    const zip = makeZip({ 'a/1.png': fakeGray(4, 4, 1), 'a/2.png': fakeGray(4, 4, 2), 'b/1.png': fakeGray(8, 6, 3), 'b/2.png': fakeGray(4, 4, 4) });
    const mixed = await parse(zip);
    expect(mixed.ok).toBe(false);
    if (mixed.ok) return;
    expect(mixed.errors).toHaveLength(1);
    expect(mixed.errors[0]).toMatchObject({ file: 'pets.zip', entry: 'b/1.png', code: 'mixedSizes' });
    expect(mixed.errors[0]?.message).toContain('8×6');

    const resized = await parse(zip, [2, 2, 1]);
    if (!resized.ok) throw new Error(JSON.stringify(resized.errors));
    expect(resized.value.shape).toEqual([2, 2, 1]);
    expect([...resized.value.images.subarray(8, 12)]).toEqual([3, 3, 3, 3]);
  });

  it('reports an empty class folder and a class with one image, by folder and entry', async () => {
    const result = await parse(
      makeZip({ 'a/': null, 'a/readme.txt': new Uint8Array([65]), 'b/only.png': fakeGray(1, 1, 0), 'c/1.png': fakeGray(1, 1, 0), 'c/2.png': fakeGray(1, 1, 0) }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.code, e.entry])).toEqual([
      ['zipEmptyClass', 'a/'],
      ['classOneImage', 'b/only.png'],
    ]);
  });

  it('names images outside any class folder and images that cannot be decoded', async () => {
    const stray = await parse(makeZip({ 'loose.png': fakeGray(1, 1, 0), 'a/1.png': fakeGray(1, 1, 0), 'a/2.png': fakeGray(1, 1, 0) }));
    expect(stray.ok ? [] : stray.errors.map((e) => [e.code, e.entry])).toEqual([['zipNotInClass', 'loose.png']]);

    const broken = await parse(makeZip({ 'a/1.png': fakeGray(1, 1, 0), 'a/2.png': new Uint8Array([9, 9, 9]), 'b/1.png': fakeGray(1, 1, 0), 'b/2.png': fakeGray(1, 1, 0) }));
    expect(broken.ok ? [] : broken.errors.map((e) => [e.code, e.entry])).toEqual([['imageUndecodable', 'a/2.png']]);
  });

  it('refuses a single class, a zip without images and a file that is not a zip', async () => {
    const one = await parse(makeZip({ 'a/1.png': fakeGray(1, 1, 0), 'a/2.png': fakeGray(1, 1, 0) }));
    expect(one.ok ? null : one.errors[0]?.code).toBe('tooFewClasses');
    const none = await parse(makeZip({ 'notes.txt': new Uint8Array([65]) }));
    expect(none.ok ? null : none.errors[0]?.code).toBe('zipNoImages');
    const notZip = await parse(new TextEncoder().encode('label,pixel1\n'));
    expect(notZip.ok ? null : notZip.errors[0]).toMatchObject({ file: 'pets.zip', code: 'zipInvalid' });
  });

  it('never throws on random bytes, whole or after a zip header', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 300 }), fc.boolean(), async (noise, withMagic) => {
        const bytes = withMagic ? new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...noise]) : noise;
        const result = await parse(bytes);
        if (!result.ok) expect(result.errors.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws when entries of a real zip are damaged', async () => {
    const zip = makeZip({ 'a/1.png': fakeGray(2, 2, 1), 'a/2.png': fakeGray(2, 2, 2), 'b/1.png': fakeGray(2, 2, 3), 'b/2.png': fakeGray(2, 2, 4) });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.nat(zip.length - 1), fc.integer({ min: 0, max: 255 })), { maxLength: 8 }), async (edits) => {
        const damaged = zip.slice();
        for (const [at, value] of edits) damaged[at] = value;
        const result = await parse(damaged);
        if (!result.ok) expect(result.errors.every((e) => e.file === 'pets.zip' && e.message.length > 0)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
