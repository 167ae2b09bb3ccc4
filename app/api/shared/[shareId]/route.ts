import { getSharedArchitecture } from '@/lib/db/architectures';
import { errorResponse, json, route } from '@/lib/api/http';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** Read-only view for anyone holding the share id. */
export const GET = route(async (_req, { params }: { params: Promise<{ shareId: string }> }) => {
  const { shareId } = await params;
  const shared = await getSharedArchitecture(shareId);
  if (!shared) return errorResponse(404, 'No shared architecture with that id');
  return json({ name: shared.name, document: shared.document });
});
