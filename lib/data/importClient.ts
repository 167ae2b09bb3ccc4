// The page side of an import: one worker per import, ended when it answers or
// when the user cancels, so a cancelled 80 MB parse stops using the CPU.
import { dataError } from './errors';
import { guessRole, type FileRole } from './importer';
import type { ImportEvent, ImportRequest } from './importProtocol';
import type { ImportOptions, ImportResult } from './types';

export interface ImportFile {
  file: File;
  /** defaults to a guess from the name: t10k-…, …test…, …valid… are the test set */
  role?: FileRole;
}

export function runImport(
  files: (File | ImportFile)[],
  options: ImportOptions,
  onProgress?: (fraction: number) => void,
  signal?: AbortSignal,
): Promise<ImportResult> {
  const request: ImportRequest = {
    files: files.map((f) => (f instanceof File ? { file: f, role: guessRole(f.name) } : { file: f.file, role: f.role ?? guessRole(f.file.name) })),
    options,
  };
  const names = request.files.map((f) => f.file.name).join(', ');
  return new Promise<ImportResult>((resolve) => {
    const worker = new Worker(new URL('./import.worker.ts', import.meta.url), { type: 'module' });
    const finish = (result: ImportResult) => {
      worker.terminate();
      signal?.removeEventListener('abort', abort);
      resolve(result);
    };
    const abort = () => finish({ ok: false, errors: [dataError(names, 'aborted')] });
    if (signal?.aborted) return abort();
    signal?.addEventListener('abort', abort);
    worker.onmessage = (message: MessageEvent<ImportEvent>) => {
      const event = message.data;
      if (event.type === 'progress') onProgress?.(event.fraction);
      else finish(event.result);
    };
    worker.onerror = (event) => finish({ ok: false, errors: [dataError(names, 'importFailed', { reason: event.message || 'the import worker stopped' })] });
    worker.postMessage(request);
  });
}
