import { json, ownerForWrite, ownerHashFromRequest, route } from '@/lib/api/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * Makes sure this browser has an owner key, minting one only when it has
 * none. The browser client awaits this once (one request in flight at a
 * time, across tabs) before any write that could mint, so concurrent first
 * saves all end up with the same owner.
 */
export const POST = route(async (req) => {
  const minted = ownerHashFromRequest(req) === null;
  const owner = ownerForWrite(req);
  return owner.withCookie(json({ minted }, minted ? 201 : 200));
});
