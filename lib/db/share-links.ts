// Share links: the owner may turn an architecture's link off or replace it.
// Either way the stored shareId is replaced by a fresh random one, so the old
// link answers 404 for good; "off" keeps the new id unused until sharing is
// turned on again (which is the same as replacing).
import { getDb } from './client';
import { checkArchitectureOwner, type ForOwner } from './architectures';
import { newShareId } from './ids';

export type ShareLinkChange = 'replace' | 'off';

/** Owner only. Returns the new link's shareId, or null when it was turned off. */
export async function changeShareLink(
  id: string,
  ownerHash: string | null,
  change: ShareLinkChange,
): Promise<ForOwner<{ shareId: string | null }>> {
  const denied = await checkArchitectureOwner(id, ownerHash);
  if (denied) return denied;
  const db = await getDb();
  const shareId = newShareId();
  // Raw SQL so that updatedAt (what /mine sorts and shows) stays the time of the last edit.
  const count = await db.$executeRaw`UPDATE "Architecture" SET "shareId" = ${shareId}, "shareEnabled" = ${change === 'replace' ? 1 : 0} WHERE "id" = ${id} AND "ownerHash" = ${ownerHash}`;
  if (count !== 1) return { status: 'not-found' };
  return { status: 'ok', shareId: change === 'replace' ? shareId : null };
}
