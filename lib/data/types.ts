// The dataset contract shared by the data area, the training panel and runs.
// Images are raw bytes so a 60,000-image set stays one 47 MB buffer rather
// than 47 million JS numbers; the trainer scales them to floats per batch.
import type { DataErrorCode } from './errors';

export interface ImageSplit {
  /** count*h*w*c bytes, 0-255, row-major HWC, image after image */
  images: Uint8Array;
  /** class indices 0..classes-1 */
  labels: Uint16Array;
  count: number;
}

export interface Dataset {
  id: string;
  name: string;
  source: 'builtin' | 'imported';
  /** [height, width, channels] */
  shape: [number, number, number];
  classNames: string[];
  train: ImageSplit;
  /** The held-out split shipped or imported with the data; null when none was given. */
  test: ImageSplit | null;
  /** SHA-256 (hex) of the dataset's content, see contentHash in hash.ts */
  hash: string;
}

export type DatasetSummary = Omit<Dataset, 'train' | 'test'> & { trainCount: number; testCount: number };

/** A problem with an input file, naming where it is: row (CSV, 1-based line), entry (zip path). */
export interface DataError {
  file: string;
  row?: number;
  entry?: string;
  /** English, without the file/row prefix (describeError adds it) */
  message: string;
  /** for translation: data.json errors.<code> with these values */
  code?: DataErrorCode;
  values?: Record<string, string | number>;
}

export type ParseResult<T> = { ok: true; value: T } | { ok: false; errors: DataError[] };

/** What the user chose in the import dialog. */
export interface ImportOptions {
  /** Name shown in pickers; defaults to the first file's name without extension. */
  name?: string;
  /** Image shape when it cannot be inferred (CSV with a non-square pixel count) or to resize zip images to. */
  shape?: [number, number, number];
  /** Fraction of the training rows held out as the test split when no second file is given (0 keeps none). */
  validationFraction?: number;
}

export type ImportResult = { ok: true; summary: DatasetSummary } | { ok: false; errors: DataError[] };
