// A .zip of one folder per class (Keras image_dataset_from_directory): the
// folder names are the labels; a single wrapping folder is looked through.
// Image decoding is passed in (canvas in the worker, a fake in tests).
import { unzipSync } from 'fflate';
import { dataError, failure, formatShape } from './errors';
import { isGrayscale, toPixels, type DecodedImage } from './image';
import type { RawSplit, Shape } from './raw';
import type { DataError, ParseResult } from './types';

export type DecodeImage = (bytes: Uint8Array, entry: string) => Promise<DecodedImage>;

export interface ZipOptions {
  /** resize every image to this; without it all images must be the same size */
  shape?: Shape;
  onProgress?: (fraction: number) => void;
}

const imageExtensions = /\.(png|jpe?g|bmp|gif|webp)$/i;
const maxProblems = 10;

function isJunk(path: string): boolean {
  return path.startsWith('__MACOSX/') || path.split('/').some((part) => part.startsWith('.'));
}

/** Class folder -> its image entries (full paths), plus images found outside any class folder. */
function classFolders(paths: string[]): { byClass: Map<string, string[]>; stray: string[] } {
  let names = paths.filter((p) => !isJunk(p));
  // Look through wrapping folders: "flowers/daisy/1.jpg" -> "daisy/1.jpg".
  let prefix = '';
  for (;;) {
    const first = names[0]?.split('/')[0];
    if (first === undefined) break;
    const inside = names.filter((p) => p !== first + '/');
    if (inside.length === 0 || !inside.every((p) => p.startsWith(first + '/') && p.slice(first.length + 1).includes('/'))) break;
    prefix += first + '/';
    names = inside.map((p) => p.slice(first.length + 1));
  }
  const byClass = new Map<string, string[]>();
  const stray: string[] = [];
  for (const p of names) {
    const slash = p.indexOf('/');
    if (slash < 0) {
      if (imageExtensions.test(p)) stray.push(prefix + p);
      continue;
    }
    const cls = p.slice(0, slash);
    const list = byClass.get(cls) ?? [];
    byClass.set(cls, list);
    if (!p.endsWith('/') && imageExtensions.test(p)) list.push(prefix + p);
  }
  return { byClass, stray };
}

export async function parseImageFolderZip(bytes: Uint8Array, file: string, decode: DecodeImage, options: ZipOptions = {}): Promise<ParseResult<RawSplit>> {
  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(bytes);
  } catch (e) {
    return failure(file, 'zipInvalid', { reason: e instanceof Error ? e.message : String(e) });
  }
  const { byClass, stray } = classFolders(Object.keys(unzipped));
  const errors: DataError[] = stray.slice(0, maxProblems).map((entry) => dataError(file, 'zipNotInClass', {}, { entry }));
  const classNames = [...byClass.keys()].sort();
  const imageCount = classNames.reduce((n, c) => n + (byClass.get(c)?.length ?? 0), 0);
  if (imageCount === 0 && errors.length === 0) return failure(file, 'zipNoImages');
  for (const name of classNames) {
    const entries = byClass.get(name) ?? [];
    if (entries.length === 0) errors.push(dataError(file, 'zipEmptyClass', { name }, { entry: name + '/' }));
    else if (entries.length === 1) errors.push(dataError(file, 'classOneImage', { name }, { entry: entries[0] }));
  }
  if (errors.length === 0 && classNames.length === 1) return failure(file, 'tooFewClasses', { count: 1 });
  if (errors.length) return { ok: false, errors: errors.slice(0, maxProblems) };

  const order = classNames.flatMap((name) => (byClass.get(name) ?? []).sort().map((entry) => ({ entry, name })));
  // Pixels go into the final buffer as each image is decoded, so a zip of
  // large photos never holds all of them at full size. Without a chosen shape
  // they are kept as RGB and folded to one channel if every image was gray.
  let first: { width: number; height: number; entry: string } | null = null;
  let target: Shape | null = options.shape ?? null;
  let images = new Uint8Array(0);
  let allGray = true;
  for (const [i, { entry }] of order.entries()) {
    let image: DecodedImage;
    try {
      image = await decode(unzipped[entry] ?? new Uint8Array(), entry);
      if (!(image.width > 0 && image.height > 0) || image.rgba.length !== image.width * image.height * 4) throw new Error('no pixels');
    } catch {
      errors.push(dataError(file, 'imageUndecodable', {}, { entry }));
      if (errors.length >= maxProblems) break;
      continue;
    }
    if (!first) {
      first = { width: image.width, height: image.height, entry };
      target ??= [image.height, image.width, 3];
      images = new Uint8Array(order.length * target[0] * target[1] * target[2]);
    } else if (!options.shape && (image.width !== first.width || image.height !== first.height)) {
      errors.push(
        dataError(
          file,
          'mixedSizes',
          { size: formatShape([image.width, image.height]), firstEntry: first.entry, firstSize: formatShape([first.width, first.height]) },
          { entry },
        ),
      );
      if (errors.length >= maxProblems) break;
      continue;
    }
    if (errors.length === 0 && target) {
      if (!options.shape) allGray &&= isGrayscale(image);
      toPixels(image, target, images, i * target[0] * target[1] * target[2]);
    }
    options.onProgress?.((i + 1) / order.length);
  }
  if (errors.length || !target) return { ok: false, errors };

  let shape = target;
  if (!options.shape && allGray) {
    const gray = new Uint8Array(order.length * target[0] * target[1]);
    for (let p = 0; p < gray.length; p++) gray[p] = images[p * 3] ?? 0;
    images = gray;
    shape = [target[0], target[1], 1];
  }
  return {
    ok: true,
    value: { file, shape, count: order.length, images, labels: order.map((o) => o.name), locate: (i) => ({ entry: order[i]?.entry ?? '' }) },
  };
}
