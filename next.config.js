import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

// Sent with every response. The Content-Security-Policy, which needs a fresh
// nonce per page, is set in proxy.ts (lib/security/csp.ts).
const securityHeaders = [
  // Cross-origin isolation lets the browser give tfjs's WASM backend threads
  // (SharedArrayBuffer). Every asset is served from our own origin, so
  // require-corp costs nothing.
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  // For browsers that predate CSP frame-ancestors.
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  // Nothing here uses a camera, microphone, location, payments or USB devices.
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()' },
];

// The policy a worker runs under: a worker takes its CSP from its own script's
// response, and Next.js serves the bundled training and import workers from
// /_next/static (no nonce there, so no inline or eval at all). tfjs's threaded
// WASM starts its helper threads from blob: URLs that load the WASM glue.
const workerContentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' blob: 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
  "img-src 'self' data: blob:",
  "object-src 'none'",
  "base-uri 'none'",
].join('; ');

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  // No X-Powered-By: Next.js.
  poweredByHeader: false,
  // Lets several builds (e.g. parallel e2e runs) live side by side.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // `npm test` type-checks the whole project once (tsc --noEmit in test:unit);
  // the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: ['better-sqlite3', '@prisma/adapter-better-sqlite3'],
  // forbidden() from next/navigation: /a/<someone else's id> answers 403 with
  // its page (app/(editor)/a/[id]/forbidden.tsx), as notFound() answers 404.
  experimental: { authInterrupts: true },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/_next/static/:path*', headers: [{ key: 'Content-Security-Policy', value: workerContentSecurityPolicy }] },
    ];
  },
};

export default withNextIntl(nextConfig);
