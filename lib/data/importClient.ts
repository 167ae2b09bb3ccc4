// Placeholder until the import worker lands; keeps the public API stable.
import type { ImportOptions, ImportResult } from './types';

export async function runImport(files: File[], _options: ImportOptions, _onProgress?: (fraction: number) => void): Promise<ImportResult> {
  return { ok: false, errors: files.map((f) => ({ file: f.name, message: 'importing is not available yet' })) };
}
