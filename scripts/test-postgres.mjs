// The PostgreSQL half of the unit tests: the repository and API suites again,
// each test file in a fresh schema of the database CNN_STUDIO_TEST_POSTGRES_URL
// names (lib/db/testing.ts). Without that variable it says, in one line, that
// it skipped and how to run it, and succeeds: the SQLite half (plain
// `vitest run`) is the whole test on a machine without PostgreSQL.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const url = process.env.CNN_STUDIO_TEST_POSTGRES_URL?.trim();
if (!url) {
  console.log(
    '[test] PostgreSQL half skipped: set CNN_STUDIO_TEST_POSTGRES_URL=postgresql://user:password@127.0.0.1:5432/db (a role that may create schemas) to run the repository and API tests on PostgreSQL too (.ci/run does)',
  );
  process.exit(0);
}

// Every test file that opens a database through lib/db/testing.ts, except
// those about SQLite itself (marked "@sqlite-only").
function testFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return testFiles(file);
    return name.endsWith('.test.ts') ? [file] : [];
  });
}
const files = ['app', 'lib', 'scripts']
  .flatMap((dir) => testFiles(path.join(root, dir)))
  .filter((file) => {
    const text = readFileSync(file, 'utf8');
    return /createTempDatabase|testEngine\(/.test(text) && !text.includes('@sqlite-only');
  })
  .map((file) => path.relative(root, file))
  .sort();

console.log(`[test] PostgreSQL half: ${files.length} test files`);
const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const result = spawnSync(process.execPath, [vitest, 'run', ...files], {
  stdio: 'inherit',
  env: { ...process.env, CNN_STUDIO_TEST_ENGINE: 'postgresql' },
});
process.exit(result.status ?? 1);
