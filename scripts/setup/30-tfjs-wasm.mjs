// Copies tfjs's WASM binaries into public/tfjs-wasm/ so the app serves them
// itself (same origin: they load under Cross-Origin-Embedder-Policy, and the
// threaded build needs cross-origin isolation), plus Emscripten's unminified
// loader of the threaded build, which each WASM thread loads (see
// lib/train/kernels/wasm-setup.ts). Output is gitignored; a file already there
// with the same size is left alone.
import { copyFileSync, existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Where the .wasm files ship inside @tensorflow/tfjs-backend-wasm. */
export function wasmSourceDir() {
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
}

/** The threaded build's Emscripten loader, as tfjs ships it (not minified). */
export const threadedLoader = 'tfjs-backend-wasm-threaded-simd.js';

export default async function setupTfjsWasm(outDir = path.join(process.cwd(), 'public', 'tfjs-wasm')) {
  const sourceDir = wasmSourceDir();
  const wasmFiles = readdirSync(sourceDir).filter((f) => f.endsWith('.wasm'));
  if (wasmFiles.length === 0) throw new Error(`tfjs-wasm: no .wasm files in ${sourceDir}; is @tensorflow/tfjs-backend-wasm installed?`);
  const loader = path.join(sourceDir, '..', 'wasm-out', threadedLoader);
  if (!existsSync(loader)) throw new Error(`tfjs-wasm: ${loader} is missing; is @tensorflow/tfjs-backend-wasm installed?`);
  const files = [...wasmFiles.map((f) => path.join(sourceDir, f)), loader];
  mkdirSync(outDir, { recursive: true });
  let copied = 0;
  for (const from of files) {
    const file = path.basename(from);
    const to = path.join(outDir, file);
    if (existsSync(to) && statSync(to).size === statSync(from).size) continue;
    copyFileSync(from, to);
    copied++;
  }
  if (copied > 0) console.log(`tfjs-wasm: copied ${copied} file(s) to ${path.relative(process.cwd(), outDir) || outDir}/`);
}
