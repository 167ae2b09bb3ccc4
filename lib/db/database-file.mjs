// Where the SQLite file lives. Plain JS so the setup script (node, no
// TypeScript) and the app agree on one rule.
import path from 'node:path';

export const DEFAULT_DATABASE_URL = 'file:data/cnn-studio.db';

/**
 * `file:<path>` (or a bare path) -> absolute file path; relative paths are
 * relative to the project root (the working directory of npm scripts).
 * Returns null for anything that is not an SQLite file URL.
 */
export function databaseFileFromUrl(url, cwd = process.cwd()) {
  const trimmed = url.trim();
  if (trimmed === '') return null;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) && !trimmed.startsWith('file://')) return null;
  let file = trimmed.replace(/^file:(\/\/)?/, '');
  file = file.split('?')[0] ?? '';
  if (file === '' || file === ':memory:') return null;
  return path.resolve(cwd, file);
}
