import { parseArchitectureDocument } from '@/lib/schema';
import { createArchitecture, listArchitecturesForOwner } from '@/lib/db/architectures';
import { errorResponse, json, ownerForWrite, ownerHashFromRequest, parseBody, readJsonBody, route } from '@/lib/api/http';
import { CreateArchitectureBody } from '@/lib/api/types';
import { summaryToWire } from '@/lib/api/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** The caller's own architectures only; a browser without the cookie has none. */
export const GET = route(async (req) => {
  const ownerHash = ownerHashFromRequest(req);
  const items = ownerHash ? await listArchitecturesForOwner(ownerHash) : [];
  return json({ architectures: items.map(summaryToWire) });
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
