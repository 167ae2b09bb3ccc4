import { parseArchitectureDocument } from '@/lib/schema';
import { createArchitecture, listArchitecturesForOwner } from '@/lib/db/architectures';
import { errorResponse, json, ownerForWrite, ownerHashFromRequest, parseBody, readJsonBody, route, zodIssues } from '@/lib/api/http';
import { ArchitectureListQuery, CreateArchitectureBody } from '@/lib/api/types';
import { summaryToWire } from '@/lib/api/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/**
 * The caller's own architectures only (a browser without the cookie has none),
 * a page at a time: ?limit=1..100 (default 50), ?cursor=<nextCursor of the previous page>.
 */
export const GET = route(async (req) => {
  const query = ArchitectureListQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) return errorResponse(400, 'Query has the wrong shape', { issues: zodIssues(query.error) });
  const ownerHash = ownerHashFromRequest(req);
  if (!ownerHash) return json({ architectures: [], nextCursor: null });
  const listed = await listArchitecturesForOwner(ownerHash, query.data);
  if (!listed.ok) return errorResponse(400, 'Query has the wrong shape', { issues: [{ path: 'cursor', message: listed.message }] });
  return json({ architectures: listed.page.architectures.map(summaryToWire), nextCursor: listed.page.nextCursor });
});

export const POST = route(async (req) => {
  const raw = await readJsonBody(req);
  if (!raw.ok) return raw.response;
  const body = parseBody(CreateArchitectureBody, raw.value);
  if (!body.ok) return body.response;
  const doc = parseArchitectureDocument(body.value.document);
  if (!doc.ok) return errorResponse(422, 'The architecture document is invalid', { issues: doc.issues });
  const owner = ownerForWrite(req);
  const created = await createArchitecture(owner.ownerHash, { name: body.value.name, document: doc.document });
  return owner.withCookie(json(created, 201));
});
