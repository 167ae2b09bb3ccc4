// Which paths go through proxy.ts, compiled the way Next.js compiles the
// matcher. Run weights must not: Next.js hands a proxy a copy of the request
// body that it buffers and cuts at 10 MiB, so a 60 MiB upload arrived cut short.
import { describe, expect, it } from 'vitest';
import { createRequire } from 'node:module';
import { config } from '@/proxy';

// Next.js's own compiler of `config.matcher` (not in its public types).
const { getMiddlewareMatchers } = createRequire(import.meta.url)('next/dist/build/analysis/get-page-static-info') as {
  getMiddlewareMatchers: (matcher: string[], nextConfig: object) => { regexp: string }[];
};
const matchers = getMiddlewareMatchers(config.matcher, {});
const proxied = (pathname: string) => matchers.some((m) => new RegExp(m.regexp).test(pathname));

describe('the proxy matcher', () => {
  it('leaves out run weights and static files, and keeps every other page and API route', () => {
    expect(proxied('/api/runs/abc123/weights')).toBe(false);
    expect(proxied('/_next/static/chunks/main.js')).toBe(false);
    for (const path of ['/', '/a/abc123', '/api/architectures', '/api/runs/abc123', '/api/runs/abc123/epochs', '/api/runs/abc123/weights/extra', '/learn/stride']) {
      expect(proxied(path), path).toBe(true);
    }
  });
});
