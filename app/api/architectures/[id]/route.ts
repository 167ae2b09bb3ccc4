import { parseArchitectureDocument } from '@/lib/schema';
import { deleteArchitecture, getArchitectureForOwner, updateArchitecture } from '@/lib/db/architectures';
import { denied, errorResponse, json, noContent, ownerHashFromRequest, parseBody, readJsonBody, route } from '@/lib/api/http';
import { UpdateArchitectureBody } from '@/lib/api/types';
import { architectureToWire } from '@/lib/api/wire';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export const GET = route(async (req, { params }: Context) => {
  const { id } = await params;
  const ownerHash = ownerHashFromRequest(req);
  const result = await getArchitectureForOwner(id, ownerHash);
  if (result.status !== 'ok') return denied(result, ownerHash, 'architecture');
  return json(architectureToWire(result.architecture));
});

/** Saves an edit based on `version`; a stale version gets 409 with the current one and changes nothing. */
export const PUT = route(async (req, { params }: Context) => {
  const { id } = await params;
  const raw = await readJsonBody(req);
  if (!raw.ok) return raw.response;
  const body = parseBody(UpdateArchitectureBody, raw.value);
  if (!body.ok) return body.response;
  const doc = parseArchitectureDocument(body.value.document);
  if (!doc.ok) return errorResponse(422, 'The architecture document is invalid', { issues: doc.issues });
  const ownerHash = ownerHashFromRequest(req);
  const result = await updateArchitecture(id, ownerHash, { name: body.value.name, document: doc.document, version: body.value.version });
  if (result.status === 'conflict') {
    return errorResponse(409, `This architecture was saved elsewhere (now version ${result.currentVersion}, your edit is based on ${body.value.version})`, {
      currentVersion: result.currentVersion,
    });
  }
  if (result.status !== 'ok') return denied(result, ownerHash, 'architecture');
  return json({ version: result.version });
});

export const DELETE = route(async (req, { params }: Context) => {
  const { id } = await params;
  const ownerHash = ownerHashFromRequest(req);
  const result = await deleteArchitecture(id, ownerHash);
  if (result.status !== 'ok') return denied(result, ownerHash, 'architecture');
  return noContent();
});
