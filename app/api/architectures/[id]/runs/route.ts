import { parseArchitectureDocument } from '@/lib/schema';
import { createRun, listRunsForOwner } from '@/lib/db/runs';
import { denied, errorResponse, json, ownerHashFromRequest, parseBody, readJsonBody, route } from '@/lib/api/http';
import { CreateRunBody } from '@/lib/api/types';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export const GET = route(async (req, { params }: Context) => {
  const { id } = await params;
  const ownerHash = ownerHashFromRequest(req);
  const result = await listRunsForOwner(id, ownerHash);
  if (result.status !== 'ok') return denied(result, ownerHash, 'architecture');
  return json({ runs: result.runs });
});

export const POST = route(async (req, { params }: Context) => {
  const { id } = await params;
  const raw = await readJsonBody(req);
  if (!raw.ok) return raw.response;
  const body = parseBody(CreateRunBody, raw.value);
  if (!body.ok) return body.response;
  const doc = parseArchitectureDocument(body.value.document);
  if (!doc.ok) return errorResponse(422, 'The architecture document is invalid', { issues: doc.issues });
  const ownerHash = ownerHashFromRequest(req);
  const result = await createRun(id, ownerHash, { ...body.value, document: doc.document });
  if (result.status !== 'ok') return denied(result, ownerHash, 'architecture');
  return json({ id: result.id }, 201);
});
