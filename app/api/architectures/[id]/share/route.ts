import { denied, json, noContent, ownerHashFromRequest, route } from '@/lib/api/http';
import { changeShareLink } from '@/lib/db/share-links';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/** Owner only: a new share link (turns sharing on); the previous link answers 404 from now on. */
export const POST = route(async (req, { params }: Context) => {
  const { id } = await params;
  const ownerHash = ownerHashFromRequest(req);
  const result = await changeShareLink(id, ownerHash, 'replace');
  if (result.status !== 'ok') return denied(result, ownerHash, 'architecture');
  return json({ shareId: result.shareId }, 201);
});

/** Owner only: turns the share link off; it answers 404 from now on. */
export const DELETE = route(async (req, { params }: Context) => {
  const { id } = await params;
  const ownerHash = ownerHashFromRequest(req);
  const result = await changeShareLink(id, ownerHash, 'off');
  if (result.status !== 'ok') return denied(result, ownerHash, 'architecture');
  return noContent();
});
