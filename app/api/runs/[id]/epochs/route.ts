import { appendEpoch } from '@/lib/db/runs';
import { denied, errorResponse, json, ownerHashFromRequest, parseBody, readJsonBody, route } from '@/lib/api/http';
import { EpochMetrics } from '@/lib/api/types';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

/** One epoch's metrics; re-sending an epoch index replaces it. */
export const POST = route(async (req, { params }: { params: Promise<{ id: string }> }) => {
  const { id } = await params;
  const raw = await readJsonBody(req);
  if (!raw.ok) return raw.response;
  const body = parseBody(EpochMetrics, raw.value);
  if (!body.ok) return body.response;
  const ownerHash = ownerHashFromRequest(req);
  const result = await appendEpoch(id, ownerHash, body.value);
  if (result.status === 'conflict') return errorResponse(409, result.message);
  if (result.status !== 'ok') return denied(result, ownerHash, 'run');
  return json({ epoch: body.value.epoch }, 201);
});
