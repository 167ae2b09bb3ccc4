// Runs before every page and API request (Next.js 16's proxy, formerly
// middleware):
// - refuses a path whose %-encoding does not decode with 400, before Next.js
//   tries to decode it into route params;
// - drops client-sent X-Forwarded-Host/-Proto/-For unless a proxy of ours is
//   trusted (CNN_STUDIO_TRUST_PROXY=1), so Next.js fills them in from the
//   socket and lib/api/http.ts can believe them;
// - gives every page a Content-Security-Policy with a fresh nonce, which
//   Next.js puts on its own scripts (it reads the nonce from the request's
//   Content-Security-Policy header while rendering).
import { NextResponse, type NextRequest } from 'next/server';
import { contentSecurityPolicy, newNonce } from '@/lib/security/csp';

const FORWARDED = ['x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-for', 'x-forwarded-port', 'forwarded'];

function hasMalformedEncoding(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return false;
  } catch {
    return true;
  }
}

export function proxy(request: NextRequest): NextResponse {
  const { pathname } = request.nextUrl;
  const isApi = pathname.startsWith('/api/');
  if (hasMalformedEncoding(pathname)) {
    const message = 'The URL path has a malformed %-encoding';
    return isApi
      ? NextResponse.json({ error: message }, { status: 400, headers: { 'cache-control': 'no-store' } })
      : new NextResponse(message, { status: 400, headers: { 'content-type': 'text/plain; charset=utf-8' } });
  }

  const headers = new Headers(request.headers);
  if (process.env.CNN_STUDIO_TRUST_PROXY !== '1') for (const name of FORWARDED) headers.delete(name);
  if (isApi) return NextResponse.next({ request: { headers } });

  const policy = contentSecurityPolicy(newNonce(), { dev: process.env.NODE_ENV === 'development' });
  headers.set('content-security-policy', policy);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('content-security-policy', policy);
  return response;
}

export const config = {
  matcher: [
    // Not the build's static files and the public WASM, datasets and icon:
    // they carry no markup to protect and no write to check. Nor run weights
    // (up to 64 MiB): Next.js hands a proxy a copy of the body that it buffers
    // and cuts at 10 MiB, so an upload through here arrived cut short and sat
    // in memory whole; the route streams it itself and refuses a malformed
    // path (lib/api/http.ts pathRefusal); X-Forwarded-Host/-Proto are only
    // believed with CNN_STUDIO_TRUST_PROXY=1 anyway.
    '/((?!_next/static|_next/image|tfjs-wasm/|datasets/|icon.svg|favicon.ico|api/runs/[^/]+/weights$).*)',
  ],
};
