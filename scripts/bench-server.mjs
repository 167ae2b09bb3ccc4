// A tiny static server for the benchmark: bench/dist plus public/tfjs-wasm
// (tfjs's .wasm files and threaded loader, as the app serves them), with the
// headers that make the page cross-origin isolated (WASM threads).
import { createServer } from 'node:http';
import { createReadStream, existsSync, statSync } from 'node:fs';
import path from 'node:path';

const types = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
  '.css': 'text/css',
};

export const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

function resolvePath(root, wasmDir, urlPath) {
  const clean = decodeURIComponent(urlPath.split('?')[0] ?? '/');
  const [base, rel] = clean.startsWith('/tfjs-wasm/') ? [wasmDir, clean.slice('/tfjs-wasm/'.length)] : [root, clean === '/' ? 'index.html' : clean.slice(1)];
  const file = path.resolve(base, rel);
  // Never serve outside the two folders.
  if (!file.startsWith(path.resolve(base) + path.sep)) return null;
  return existsSync(file) && statSync(file).isFile() ? file : null;
}

/** Serves `root` and, under /tfjs-wasm/, `wasmDir`; listens on the first free port in `ports` (localhost only); resolves to { server, port, url }. */
export async function startBenchServer(root, wasmDir, ports) {
  for (const port of ports) {
    const server = createServer((req, res) => {
      if (req.url === '/favicon.ico') {
        res.writeHead(204, isolationHeaders);
        res.end();
        return;
      }
      const file = resolvePath(root, wasmDir, req.url ?? '/');
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain', ...isolationHeaders });
        res.end('not found');
        return;
      }
      res.writeHead(200, { 'Content-Type': types[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store', ...isolationHeaders });
      createReadStream(file).pipe(res);
    });
    const ok = await new Promise((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(port, '127.0.0.1', () => resolve(true));
    });
    if (ok) return { server, port, url: `http://localhost:${port}/` };
  }
  throw new Error(`bench: no free port among ${ports[0]}-${ports[ports.length - 1]}`);
}
