// The app is cross-origin isolated on every route (COOP same-origin + COEP
// require-corp), which is what lets tfjs's WASM backend use threads
// (SharedArrayBuffer), and it serves tfjs's .wasm files itself.
import { expect, test, type APIResponse } from '@playwright/test';

const pages = ['/', '/mine', '/new', '/learn/convolution', '/datasets', '/no-such-page'];

function expectIsolationHeaders(response: APIResponse | null, url: string) {
  expect(response, url).not.toBeNull();
  const headers = response!.headers();
  expect(headers['cross-origin-opener-policy'], `COOP on ${url}`).toBe('same-origin');
  expect(headers['cross-origin-embedder-policy'], `COEP on ${url}`).toBe('require-corp');
}

test('every page, API route and static file carries COOP same-origin and COEP require-corp', async ({ request }) => {
  for (const url of [...pages, '/api/health']) expectIsolationHeaders(await request.get(url), url);
  // A script chunk of the home page: workers and chunks need the headers too.
  const html = await (await request.get('/')).text();
  const chunk = html.match(/<script[^>]+src="([^"]+\.js)"/)?.[1];
  expect(chunk, 'a script chunk on /').toBeTruthy();
  expectIsolationHeaders(await request.get(chunk!), chunk!);
});

test('the page is cross-origin isolated, so SharedArrayBuffer (WASM threads) exists', async ({ page }) => {
  for (const url of ['/', '/learn/convolution']) {
    await page.goto(url);
    expect(await page.evaluate(() => crossOriginIsolated), url).toBe(true);
    expect(await page.evaluate(() => typeof SharedArrayBuffer), url).toBe('function');
  }
});

test('the app serves tfjs’s WASM binaries itself, threaded build included', async ({ request }) => {
  for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']) {
    const response = await request.get(`/tfjs-wasm/${file}`);
    expect(response.status(), file).toBe(200);
    expect(response.headers()['content-type'], file).toContain('application/wasm');
    expectIsolationHeaders(response, file);
    // Every WebAssembly binary starts with "\0asm".
    expect([...(await response.body()).subarray(0, 4)], file).toEqual([0, 0x61, 0x73, 0x6d]);
  }
});
