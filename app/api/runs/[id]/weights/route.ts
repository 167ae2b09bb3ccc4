import { checkRunOwner, openRunWeights, storeRunWeights, WeightsReplacedMeanwhile } from '@/lib/db/runs';
import { denied, errorResponse, noContent, ownerHashFromRequest, route } from '@/lib/api/http';
import { declaredLength, readWeightsUpload, UploadRefused } from '@/lib/api/upload';
import { MAX_WEIGHTS_BYTES } from '@/lib/api/types';

export const runtime = 'nodejs';
export const dynamic = 'force-dynamic';

type Context = { params: Promise<{ id: string }> };

/**
 * Body: application/octet-stream, [uint32 LE length of the JSON][JSON WeightSpec[]][raw weight bytes],
 * at most 64 MiB (413 above). Whatever can refuse the upload without its bytes
 * is checked before a byte is read: the declared size, the caller, the run.
 * Then the header is read and checked, and the weight bytes are stored 1 MiB
 * at a time as they arrive; the previous weights stay until all are in.
 */
export const PUT = route(async (req, { params }: Context) => {
  const { id } = await params;
  const declared = declaredLength(req, MAX_WEIGHTS_BYTES);
  if (!declared.ok) return declared.response;
  const ownerHash = ownerHashFromRequest(req);
  const refused = await checkRunOwner(id, ownerHash);
  if (refused) return denied(refused, ownerHash, 'run');
  const upload = await readWeightsUpload(req, declared.value, MAX_WEIGHTS_BYTES);
  if (!upload.ok) return upload.response;
  try {
    const result = await storeRunWeights(id, ownerHash, upload.value);
    if (result.status !== 'ok') return denied(result, ownerHash, 'run');
  } catch (e) {
    if (e instanceof UploadRefused) return e.response;
    if (e instanceof WeightsReplacedMeanwhile) return errorResponse(409, `${e.message}: the other upload's weights are kept`);
    throw e;
  }
  return noContent();
}, { body: 'application/octet-stream' });

/** The same format, streamed: the header, then the stored chunks one at a time. */
export const GET = route(async (req, { params }: Context) => {
  const { id } = await params;
  const ownerHash = ownerHashFromRequest(req);
  const result = await openRunWeights(id, ownerHash);
  if (result.status === 'no-weights') return errorResponse(404, 'This run has no saved weights');
  if (result.status !== 'ok') return denied(result, ownerHash, 'run');
  const json = new TextEncoder().encode(result.specs);
  const header = new Uint8Array(4 + json.byteLength);
  new DataView(header.buffer).setUint32(0, json.byteLength, true);
  header.set(json, 4);
  const chunks = result.chunks();
  const body = new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(header);
      },
      async pull(controller) {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: 0 },
  );
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': 'application/octet-stream',
      'content-length': String(header.byteLength + result.byteLength),
      'cache-control': 'no-store',
    },
  });
});
