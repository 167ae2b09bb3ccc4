// Messages between importDataset (page) and the import worker.
import type { FileRole } from './importer';
import type { ImportOptions, ImportResult } from './types';

export interface ImportRequest {
  files: { file: File; role: FileRole }[];
  options: ImportOptions;
}

export type ImportEvent = { type: 'progress'; fraction: number } | { type: 'done'; result: ImportResult };
