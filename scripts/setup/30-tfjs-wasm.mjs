// Copies tfjs's WASM binaries into public/tfjs-wasm/ so the app serves them
// itself (same origin: they load under Cross-Origin-Embedder-Policy, and the
// threaded build needs cross-origin isolation). Output is gitignored; a file
// already there with the same size is left alone.
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Where the .wasm files ship inside @tensorflow/tfjs-backend-wasm. */
export function wasmSourceDir() {
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
}

export default async function setupTfjsWasm(outDir = path.join(process.cwd(), 'public', 'tfjs-wasm')) {
  const sourceDir = wasmSourceDir();
  const files = readdirSync(sourceDir).filter((f) => f.endsWith('.wasm'));
  if (files.length === 0) throw new Error(`tfjs-wasm: no .wasm files in ${sourceDir}; is @tensorflow/tfjs-backend-wasm installed?`);
  mkdirSync(outDir, { recursive: true });
  let copied = 0;
  for (const file of files) {
    const from = path.join(sourceDir, file);
    const to = path.join(outDir, file);
    if (existsSync(to) && statSync(to).size === statSync(from).size) continue;
    copyFileSync(from, to);
    copied++;
  }
  if (copied > 0) console.log(`tfjs-wasm: copied ${copied} .wasm file(s) to ${path.relative(process.cwd(), outDir) || outDir}/`);
}
