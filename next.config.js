import createNextIntlPlugin from 'next-intl/plugin';

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

// Cross-origin isolation lets the browser give tfjs's WASM backend threads
// (SharedArrayBuffer). Every asset is served from our own origin, so
// require-corp costs nothing.
const isolationHeaders = [
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  { key: 'Cross-Origin-Embedder-Policy', value: 'require-corp' },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
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
    return [{ source: '/:path*', headers: isolationHeaders }];
  },
};

export default withNextIntl(nextConfig);
