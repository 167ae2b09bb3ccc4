// Every page runs under its Content-Security-Policy with nothing refused: no
// securitypolicyviolation event and no console error on any page, in the page
// or its workers, while a tiny model trains (the worker, tfjs's WASM threads,
// WebGPU and WebGL all start under the policy). And the security headers are
// there, X-Powered-By is not.
import { expect, test, type Page } from '@playwright/test';
import { TrainPage } from './pages/train';
import { tinyCnn } from './fixtures/tinyCnn';
import { DatasetsPage } from './pages/datasets';

const learnPages = ['/learn', '/learn/kernels', '/learn/convolution', '/learn/stride', '/learn/padding', '/learn/neuron', '/learn/edges', '/learn/pooling', '/learn/dropout', '/learn/architecture', '/learn/perceive'];

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Collects CSP violations (page and workers) and console errors for the whole test. */
function watch(page: Page): { problems: string[] } {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error on ${page.url()}: ${msg.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`uncaught on ${page.url()}: ${error.message}`));
  page.on('worker', (worker) => {
    worker.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`worker ${worker.url()} console error: ${msg.text()}`);
    });
  });
  return { problems };
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => window.__cspViolations ?? []);
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations!.push(`${e.violatedDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
});

test('every page loads under the CSP with no violation and no console error, and a model trains under it', async ({ page }) => {
  test.setTimeout(300_000);
  const { problems } = watch(page);
  const workers: string[] = [];
  page.on('worker', (worker) => workers.push(worker.url()));
  const train = new TrainPage(page);
  const id = await train.createArchitecture(tinyCnn({ name: 'CSP probe', filters: 2 }));
  const shareId = ((await (await page.request.get(`/api/architectures/${id}`)).json()) as { shareId: string }).shareId;

  for (const url of ['/', '/new', '/mine', '/datasets', `/a/${id}`, `/s/${shareId}`, ...learnPages]) {
    const response = await page.goto(url);
    expect(response?.status(), url).toBe(200);
    expect(response?.headers()['content-security-policy'], url).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
    await page.waitForLoadState('networkidle');
    expect(await violations(page), url).toEqual([]);
  }

  // The import worker parses a CSV under the policy too.
  await page.goto('/datasets');
  const datasets = new DatasetsPage(page);
  await datasets.importFiles('signs-small.csv');
  await expect(datasets.dialog).toBeHidden();
  expect(await violations(page)).toEqual([]);

  // Every backend is screened or measured on the model in the worker (WASM with
  // threads, WebGPU, WebGL, CPU), then the chosen one trains one small epoch.
  await train.open(id);
  await train.configure({ backend: 'auto', trainLimit: 64, epochs: 1, batchSize: 16, validationSplit: 0.25 });
  await train.startButton.click();
  await expect(train.backendStatus).toContainText('Finished', { timeout: 180_000 });
  await expect(page.getByRole('list', { name: 'Measured on this model (samples/s)' }).getByRole('listitem')).toHaveCount(4);
  // WASM (threads included) ran in the worker under the worker's own policy.
  // This machine has no hardware GPU, so WASM trains (timed or started at once).
  await expect(page.locator('li[data-backend="wasm"]'), 'WASM started under the CSP').not.toHaveClass(/failed/);
  await expect(train.backendStatus, 'WASM trained under the CSP').toContainText('Backend: wasm');
  const workerScript = workers.find((url) => url.includes('/_next/static/'));
  expect(workerScript, 'the training worker started').toBeTruthy();
  expect((await page.request.get(workerScript!)).headers()['content-security-policy']).toContain("script-src 'self' blob: 'wasm-unsafe-eval'");
  expect(await violations(page)).toEqual([]);

  expect(problems).toEqual([]);
});

test('the CSP is enforced: injected inline code does not run and is reported', async ({ page }) => {
  await page.goto('/');
  // What an injection would look like: markup with an inline event handler.
  await page.evaluate(() => {
    const probe = document.createElement('div');
    probe.innerHTML = '<img src="/no-such-image.png" onerror="window.__injected = true">';
    document.body.appendChild(probe);
  });
  await expect.poll(() => violations(page)).toEqual([expect.stringMatching(/^script-src(-attr)? blocked inline/)]);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected === true)).toBe(false);
});

test('pages and the API send the security headers, and no X-Powered-By', async ({ request }) => {
  for (const url of ['/', '/new', '/learn/convolution', '/api/health']) {
    const response = await request.get(url);
    const headers = response.headers();
    expect(headers['x-content-type-options'], url).toBe('nosniff');
    expect(headers['referrer-policy'], url).toBe('strict-origin-when-cross-origin');
    expect(headers['permissions-policy'], url).toContain('camera=()');
    expect(headers['x-frame-options'], url).toBe('DENY');
    expect(headers['cross-origin-opener-policy'], url).toBe('same-origin');
    expect(headers['cross-origin-embedder-policy'], url).toBe('require-corp');
    expect(headers['x-powered-by'], url).toBeUndefined();
    if (!url.startsWith('/api')) {
      const csp = headers['content-security-policy'] ?? '';
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).toContain("'wasm-unsafe-eval'");
      expect(csp, url).toContain("object-src 'none'");
    }
  }
  // Each page view gets its own nonce.
  const nonce = async () => /'nonce-([^']+)'/.exec((await request.get('/')).headers()['content-security-policy'] ?? '')?.[1];
  expect(await nonce()).not.toBe(await nonce());
});

test('a malformed %-encoding in a path is a 400, for pages and the API', async ({ request }) => {
  expect((await request.get('/a/%E0%A4%A')).status()).toBe(400);
  const api = await request.get('/api/architectures/%E0%A4%A');
  expect(api.status()).toBe(400);
  expect(await api.json()).toEqual({ error: 'The URL path has a malformed %-encoding' });
});
