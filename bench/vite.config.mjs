// Bundles the bench page and its worker (npm run bench builds this first).
import { defineConfig } from 'vite';
import path from 'node:path';

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  root,
  base: './',
  logLevel: 'warn',
  resolve: { alias: { '@': path.resolve(root, '..') } },
  // No minifying: tfjs-backend-wasm starts its threads from the source text of
  // the Emscripten factory (fn.toString()), and a minifier rewrites that text
  // against names that exist only in the bundle ("e is not defined").
  build: { minify: false, outDir: path.join(root, 'dist'), emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: false },
  worker: { format: 'es' },
});
