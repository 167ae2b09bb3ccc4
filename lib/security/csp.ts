// The Content-Security-Policy that proxy.ts sends with every page, with a
// fresh nonce per request. The static security headers (nosniff, Referrer-,
// Permissions-Policy, COOP/COEP) are in next.config.js.

/**
 * What each source allows, and why:
 * - scripts: only Next.js's own, which carry the request's nonce; 'strict-dynamic'
 *   lets them load their chunks. 'wasm-unsafe-eval' lets tfjs compile its WASM
 *   backend (it is not eval of JavaScript).
 * - workers: the training and import workers are bundled same-origin files;
 *   tfjs's threaded WASM starts its helper threads from blob: URLs.
 * - styles: 'unsafe-inline' because React Flow and uPlot position every node,
 *   edge and plot with style attributes, which a nonce cannot cover; styles
 *   cannot run code, and every stylesheet is our own.
 * - images: data: and blob: for the canvases turned into images (dataset
 *   previews, feature maps, filters).
 * - connect: the API, datasets and WASM files are all same-origin.
 */
export function contentSecurityPolicy(nonce: string, { dev = false } = {}): string {
  const directives: Record<string, string[]> = {
    'default-src': ["'self'"],
    'script-src': ["'self'", `'nonce-${nonce}'`, "'strict-dynamic'", "'wasm-unsafe-eval'", ...(dev ? ["'unsafe-eval'"] : [])],
    'worker-src': ["'self'", 'blob:'],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'", 'blob:', 'data:', ...(dev ? ['ws:'] : [])],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'none'"],
  };
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** A fresh, unguessable nonce (128 random bits, base64). */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}
