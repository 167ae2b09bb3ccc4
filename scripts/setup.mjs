// Prepares a fresh clone: runs every step in scripts/setup/ in name order.
// Each step is idempotent and quick when there is nothing to do.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'setup');
const steps = readdirSync(dir).filter((f) => f.endsWith('.mjs')).sort();
for (const step of steps) {
  const mod = await import(pathToFileURL(path.join(dir, step)).href);
  await mod.default();
}
