import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';

const pureCore = ['./lib/graph', './lib/schema', './lib/keras', './lib/codegen', './lib/layers/registry.ts', './lib/layers/registry.generated.ts', './lib/layers/shared/!(tfjs*).ts', './lib/layers/*/index.ts', './lib/layers/*/onnx.ts', './lib/layers/*/pytorch.ts', './lib/layers/onnx.generated.ts', './lib/layers/pytorch.generated.ts', './lib/export/model.ts', './lib/export/onnx.ts', './lib/export/pytorch.ts', './lib/export/npy.ts'];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: ['.next*/**', 'lib/db/generated/**', 'lib/db/generated-pg/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**', 'public/**', 'bench/dist/**', 'lib/train/kernels/assembly/**'],
  },
  {
    rules: {
      // lib/graph and lib/schema stay pure: no React, tfjs, Prisma or app code.
      '@typescript-eslint/no-unused-vars': ['warn', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_', ignoreRestSiblings: true }],
      'import/no-restricted-paths': [
        'error',
        {
          zones: pureCore.map((target) => ({
            target,
            from: ['./app', './components', './lib/db', './lib/train', './lib/compile', './lib/data', './lib/api', './node_modules/react', './node_modules/@tensorflow', './node_modules/@prisma', './node_modules/@xyflow'],
            message: 'lib/graph, lib/schema and the layer definitions (lib/layers/<Type>/index.ts) are pure: no React, tfjs, Prisma or app code here; tfjs goes in the type’s tfjs.ts.',
          })).concat([
            // lib/db maps rows to lib/schema's shapes (a run's data: lib/schema/run.ts); lib/api and the app sit above it.
            { target: './lib/db', from: ['./lib/api', './app', './components'], message: 'lib/db reads and writes the shapes of lib/schema; lib/api and the app sit above it.' },
          ]),
        },
      ],
    },
  },
  {
    // The page side of training loads with the editor: tfjs and the worker's modules only as types
    // (lib/train/page/noTfjsAtLoad.test.ts checks the whole import graph). loadRunModel builds a
    // model in the page and is reached only through import().
    files: ['lib/train/page/**/*.ts', 'lib/train/*.ts'],
    ignores: ['lib/train/page/loadRunModel.ts', 'lib/train/**/*.test.ts', 'lib/train/testing.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@tensorflow/*'], allowTypeImports: true, message: 'The page side of training loads without tfjs: import its types only (tfjs runs in lib/train/worker).' },
            { group: ['**/worker/*', '**/compile', '@/lib/compile'], allowTypeImports: true, message: 'The page side talks to the worker through lib/train/protocol.ts; import worker modules as types only.' },
          ],
        },
      ],
    },
  },
];

export default config;
