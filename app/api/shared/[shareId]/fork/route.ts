import { forkSharedArchitecture } from '@/lib/db/architectures';
import { errorResponse, json, ownerForWrite, route } from '@/lib/api/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Copies a shared architecture into the caller's own ("<name> (fork)"); the original is untouched. */
export const POST = route(async (req, { params }: { params: Promise<{ shareId: string }> }) => {
  const { shareId } = await params;
  const owner = ownerForWrite(req);
  const fork = await forkSharedArchitecture(shareId, owner.ownerHash);
  if (!fork) return errorResponse(404, 'No shared architecture with that id');
  return owner.withCookie(json(fork, 201));
});
