import { checkRunOwner, loadRunWeights, saveRunWeights } from '@/lib/db/runs';
import { denied, errorResponse, noContent, ownerHashFromRequest, route } from '@/lib/api/http';
import { declaredLength, readBodyInto } from '@/lib/api/upload';
import { MAX_WEIGHTS_BYTES } from '@/lib/api/types';
import { decodeWeightsView, encodeWeightsJson } from '@/lib/api/weights';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/**
 * Body: application/octet-stream, [uint32 LE length of the JSON][JSON WeightSpec[]][raw weight bytes],
 * at most 64 MiB (413 above). Whatever can refuse the upload without its bytes
 * is checked before a byte is read: the declared size, the caller, the run.
 * Then the body is read into one buffer of its declared length.
 */
export const PUT = route(async (req, { params }: Context) => {
  const { id } = await params;
  const declared = declaredLength(req, MAX_WEIGHTS_BYTES);
  if (!declared.ok) return declared.response;
  const ownerHash = ownerHashFromRequest(req);
  const refused = await checkRunOwner(id, ownerHash);
  if (refused) return denied(refused, ownerHash, 'run');
  const bytes = await readBodyInto(req, MAX_WEIGHTS_BYTES);
  if (!bytes.ok) return bytes.response;
  const decoded = decodeWeightsView(bytes.value);
  if (!decoded.ok) return errorResponse(400, `Weights are malformed: ${decoded.message}`);
  const result = await saveRunWeights(id, ownerHash, { specs: decoded.weightSpecs, data: decoded.weightBytes });
  if (result.status !== 'ok') return denied(result, ownerHash, 'run');
  return noContent();
}, { body: 'application/octet-stream' });

export const GET = route(async (req, { params }: Context) => {
  const { id } = await params;
  const ownerHash = ownerHashFromRequest(req);
  const result = await loadRunWeights(id, ownerHash);
  if (result.status === 'no-weights') return errorResponse(404, 'This run has no saved weights');
  if (result.status !== 'ok') return denied(result, ownerHash, 'run');
  return new Response(encodeWeightsJson(result.specs, result.data), {
    status: 200,
    headers: { 'content-type': 'application/octet-stream', 'cache-control': 'no-store' },
  });
});
