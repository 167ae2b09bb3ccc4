// Everything an import does short of the browser: recognise each file, parse
// it, pair train and test, assemble. Bytes in, a dataset or errors out; the
// worker (import.worker.ts) supplies the bytes, an image decoder and storage.
import { assemble, defaultValidationFraction, type AssembledDataset } from './assemble';
import { parseCsv } from './csv';
import { dataError, failure } from './errors';
import { maybeGunzip } from './gzip';
import type { RawSplit } from './raw';
import { pairIdx } from './split';
import type { DataError, ImportOptions, ParseResult } from './types';
import { parseImageFolderZip, type DecodeImage } from './zip';

export type FileRole = 'train' | 'test';

export interface InputFile {
  name: string;
  bytes: Uint8Array;
  role: FileRole;
}

export interface ParsedImport extends AssembledDataset {
  name: string;
}

type Kind = 'csv' | 'idx' | 'zip';

/** A file named like a test or validation set (t10k-…, test.csv, sign_mnist_valid.csv) is the test split unless the user says otherwise. */
export function guessRole(name: string): FileRole {
  return /(^|[^a-z])(t10k|test|valid|validation|val)([^a-z]|$)/i.test(name) ? 'test' : 'train';
}

/** "sign_mnist_train.csv" -> "sign_mnist", "train-images-idx3-ubyte.gz" -> "train-images". */
export function datasetNameFrom(fileName: string): string {
  let base = fileName;
  for (let i = 0; i < 3; i++) base = base.replace(/(\.gz|\.zip|\.csv|[-_.]idx\d(-ubyte)?|[-_.]ubyte)$/i, '');
  return base.replace(/[-_](train|training)$/i, '') || fileName;
}

function kindOf(bytes: Uint8Array, name: string): Kind | null {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) return 'zip';
  if (bytes[0] === 0 && bytes[1] === 0 && bytes.length >= 4) return 'idx';
  if (/\.csv$/i.test(name)) return 'csv';
  const start = new TextDecoder().decode(bytes.subarray(0, 16)).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return start.startsWith('label') || start.startsWith('"label') ? 'csv' : null;
}

interface Unpacked {
  name: string;
  role: FileRole;
  kind: Kind;
  bytes: Uint8Array;
}

export async function parseImport(
  files: InputFile[],
  options: ImportOptions,
  decode: DecodeImage,
  onProgress?: (fraction: number) => void,
): Promise<ParseResult<ParsedImport>> {
  if (files.length === 0) return failure('', 'noFiles');
  const errors: DataError[] = [];
  const unpacked: Unpacked[] = [];
  for (const file of files) {
    const plain = await maybeGunzip(file.bytes, file.name);
    if (!plain.ok) {
      errors.push(...plain.errors);
      continue;
    }
    const kind = kindOf(plain.value, file.name);
    if (!kind) errors.push(dataError(file.name, 'unknownFormat'));
    else unpacked.push({ name: file.name, role: file.role, kind, bytes: plain.value });
  }
  if (errors.length) return { ok: false, errors };

  const combination = checkCombination(unpacked);
  if (combination) return { ok: false, errors: [combination] };
  const train = unpacked.filter((u) => u.role === 'train');
  const test = unpacked.filter((u) => u.role === 'test');

  // The progress bar follows the bytes parsed: the test set gets its share.
  const total = unpacked.reduce((n, u) => n + u.bytes.length, 0) || 1;
  const trainShare = train.reduce((n, u) => n + u.bytes.length, 0) / total;
  const trainImages = await parseGroup(train, options, decode, (f) => onProgress?.(trainShare * f));
  const testImages = test.length ? await parseGroup(test, options, decode, (f) => onProgress?.(trainShare + (1 - trainShare) * f)) : null;
  if (!trainImages.ok || (testImages && !testImages.ok)) {
    return { ok: false, errors: [...(trainImages.ok ? [] : trainImages.errors), ...(testImages && !testImages.ok ? testImages.errors : [])] };
  }
  const assembled = assemble(trainImages.value, testImages?.value ?? null, options.validationFraction ?? defaultValidationFraction);
  if (!assembled.ok) return assembled;
  onProgress?.(1);
  const name = options.name?.trim() || datasetNameFrom(train[0]?.name ?? 'dataset');
  return { ok: true, value: { ...assembled.value, name } };
}

/**
 * One format at a time; per split one CSV, one zip, or an IDX images file
 * with its labels file. Returns the problem, naming the odd file out.
 */
function checkCombination(files: Unpacked[]): DataError | null {
  const first = files[0] as Unpacked;
  const odd = files.find((f) => f.kind !== first.kind);
  if (odd) return dataError(odd.name, 'filesCombination', { others: first.name });
  for (const role of ['train', 'test'] as const) {
    const group = files.filter((f) => f.role === role);
    if (role === 'train' && group.length === 0) return dataError(files.map((f) => f.name).join(', '), 'noTrainingFile');
    if (group.length === 0) continue;
    if (first.kind !== 'idx') {
      if (group.length > 1) return dataError(group[1]?.name ?? '', 'filesCombination', { others: group[0]?.name ?? '' });
      continue;
    }
    const labels = group.filter((f) => f.bytes[3] === 1);
    const images = group.filter((f) => f.bytes[3] !== 1);
    if (images.length === 0) return dataError(labels[0]?.name ?? '', 'idxMissingImages');
    if (labels.length === 0) return dataError(images[0]?.name ?? '', 'idxMissingLabels');
    if (group.length > 2) return dataError(group[2]?.name ?? '', 'filesCombination', { others: `${images[0]?.name}, ${labels[0]?.name}` });
  }
  return null;
}

async function parseGroup(group: Unpacked[], options: ImportOptions, decode: DecodeImage, onProgress: (fraction: number) => void): Promise<ParseResult<RawSplit>> {
  const { kind, name, bytes } = group[0] as Unpacked;
  if (kind === 'csv') return parseCsv(bytes, name, { shape: options.shape, onProgress });
  if (kind === 'zip') return parseImageFolderZip(bytes, name, decode, { shape: options.shape, onProgress });
  // IDX: the labels file is the one with a single dimension.
  const labels = group.find((f) => f.bytes[3] === 1) as Unpacked;
  const images = group.find((f) => f.bytes[3] !== 1) as Unpacked;
  const pair = pairIdx(images.bytes, images.name, labels.bytes, labels.name);
  if (!pair.ok) return pair;
  onProgress(1);
  return {
    ok: true,
    value: {
      file: labels.name,
      shape: pair.value.shape,
      images: pair.value.images,
      labels: Array.from(pair.value.rawLabels, String),
      locate: (i) => ({ entry: `label ${i + 1}` }),
      count: pair.value.count,
    },
  };
}
