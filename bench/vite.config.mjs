// Bundles the bench page and its worker (npm run bench builds this first).
import { defineConfig } from 'vite';
import path from 'node:path';

const root = path.dirname(new URL(import.meta.url).pathname);

export default defineConfig({
  root,
  base: './',
  logLevel: 'warn',
  resolve: { alias: { '@': path.resolve(root, '..') } },
  // Minified like the app's production build: tfjs starts WASM threads from
  // the source text of its loader, which minifying breaks; the bench checks
  // that lib/train/kernels/wasm-setup.ts works around it.
  // `--cpu-profile` builds it unminified, so the profile names functions.
  build: { minify: process.env.CNN_STUDIO_BENCH_MINIFY !== '0', outDir: path.join(root, 'dist'), emptyOutDir: true, target: 'es2022', sourcemap: false, reportCompressedSize: false },
  worker: { format: 'es' },
});
