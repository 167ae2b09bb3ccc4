// The proxy as Next.js runs it before every request: what it tells Next.js to
// pass on (x-middleware-* headers) and what it answers itself.
import { afterEach, describe, expect, it } from 'vitest';
import { NextRequest } from 'next/server';
import { proxy } from '@/proxy';

afterEach(() => {
  delete process.env.CNN_STUDIO_TRUST_PROXY;
});

const get = (path: string, headers: Record<string, string> = {}) => proxy(new NextRequest(`http://localhost:3000${path}`, { headers }));

/** The request headers Next.js will hand to the page or route after the proxy. */
function forwardedRequestHeaders(res: Response): Record<string, string> {
  const names = (res.headers.get('x-middleware-override-headers') ?? '').split(',').filter(Boolean);
  return Object.fromEntries(names.map((n) => [n, res.headers.get(`x-middleware-request-${n}`) ?? '']));
}

describe('proxy', () => {
  it('gives every page a CSP with a fresh nonce, and hands the same policy to the renderer', () => {
    const a = get('/new');
    const b = get('/new');
    const policy = a.headers.get('content-security-policy')!;
    expect(policy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{24}' 'strict-dynamic' 'wasm-unsafe-eval'/);
    expect(policy).toContain("frame-ancestors 'none'");
    expect(policy).toContain("worker-src 'self' blob:");
    // Only 'wasm-unsafe-eval' in production: no eval of JavaScript.
    expect(policy).not.toContain(" 'unsafe-eval'");
    expect(forwardedRequestHeaders(a)['content-security-policy']).toBe(policy);
    expect(b.headers.get('content-security-policy')).not.toBe(policy);
  });

  it('answers a malformed %-encoding with 400 for pages and API alike', async () => {
    const page = get('/a/%E0%A4%A');
    expect(page.status).toBe(400);
    expect(await page.text()).toBe('The URL path has a malformed %-encoding');
    const api = get('/api/runs/%ZZ');
    expect(api.status).toBe(400);
    expect(await api.json()).toEqual({ error: 'The URL path has a malformed %-encoding' });
  });

  it('drops client-sent X-Forwarded-* headers unless a proxy is trusted', () => {
    const spoofed = { 'x-forwarded-host': 'evil.example', 'x-forwarded-proto': 'https', 'x-forwarded-for': '10.0.0.1' };
    const dropped = forwardedRequestHeaders(get('/api/architectures', spoofed));
    expect(Object.keys(dropped)).not.toContain('x-forwarded-host');
    expect(Object.keys(dropped)).not.toContain('x-forwarded-for');
    expect(Object.keys(dropped)).not.toContain('x-forwarded-proto');
    process.env.CNN_STUDIO_TRUST_PROXY = '1';
    const kept = forwardedRequestHeaders(get('/api/architectures', spoofed));
    expect(kept).toMatchObject(spoofed);
  });
});
