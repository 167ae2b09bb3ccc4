import { deleteRun, getRunForOwner, updateRun } from '@/lib/db/runs';
import { denied, errorResponse, json, noContent, ownerHashFromRequest, parseBody, readJsonBody, route } from '@/lib/api/http';
import { RunPatch } from '@/lib/api/types';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

export const GET = route(async (req, { params }: Context) => {
  const { id } = await params;
  const ownerHash = ownerHashFromRequest(req);
  const result = await getRunForOwner(id, ownerHash);
  if (result.status !== 'ok') return denied(result, ownerHash, 'run');
  return json(result.run);
});

export const PATCH = route(async (req, { params }: Context) => {
  const { id } = await params;
  const raw = await readJsonBody(req);
  if (!raw.ok) return raw.response;
  const body = parseBody(RunPatch, raw.value);
  if (!body.ok) return body.response;
  const ownerHash = ownerHashFromRequest(req);
  const result = await updateRun(id, ownerHash, body.value);
  if (result.status === 'conflict') return errorResponse(409, result.message);
  if (result.status !== 'ok') return denied(result, ownerHash, 'run');
  return json(result.run);
});

export const DELETE = route(async (req, { params }: Context) => {
  const { id } = await params;
  const ownerHash = ownerHashFromRequest(req);
  const result = await deleteRun(id, ownerHash);
  if (result.status !== 'ok') return denied(result, ownerHash, 'run');
  return noContent();
});
