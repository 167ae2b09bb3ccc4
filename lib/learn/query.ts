// Query parameters the lessons accept, so the editor's inspector can open a
// lesson with a node's own settings:
//   /learn/convolution|stride|padding?kernel=3&stride=2&padding=same
//   /learn/pooling?pool=2&stride=2&padding=valid&type=max
//   /learn/dropout?rate=0.3
// Sizes are "3" or "3x5" (rows x columns). A bad value is ignored with a
// notice naming it; the lesson then shows its default.
import type { Pair, PaddingMode } from './convolve';
import type { PoolKind } from './pool';

export type SearchParams = Record<string, string | string[] | undefined>;

export const QUERY_LIMITS = {
  kernel: { min: 1, max: 7 },
  stride: { min: 1, max: 4 },
  pool: { min: 1, max: 4 },
  imageSize: { min: 3, max: 12 },
} as const;

/** Shown above the lesson; `code` picks the translated sentence, the rest fills it. */
export interface QueryNotice {
  code: 'badSize' | 'badChoice' | 'badRate';
  param: string;
  value: string;
  /** badSize: "1–7"; badChoice: "valid, same, zero, replicate"; badRate: "[0, 1)" */
  allowed: string;
}

export interface ConvolutionQuery {
  kernel: Pair;
  stride: Pair;
  padding: PaddingMode;
}

export interface PoolingQuery {
  pool: Pair;
  stride: Pair;
  padding: 'valid' | 'same';
  type: PoolKind;
}

export interface DropoutQuery {
  rate: number | null;
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** "3" -> [3, 3]; "3x5", "3×5", "3,5" -> [3, 5]; null when not whole numbers in [min, max]. */
export function parsePair(text: string, min: number, max: number): Pair | null {
  const parts = text.trim().split(/\s*[x×,]\s*/i);
  if (parts.length < 1 || parts.length > 2) return null;
  const nums = parts.map((p) => (/^\d+$/.test(p) ? Number(p) : NaN));
  if (nums.some((n) => !Number.isInteger(n) || n < min || n > max)) return null;
  const [a, b] = nums as [number, number?];
  return [a, b ?? a];
}

export function formatPairParam(pair: Pair): string {
  return pair[0] === pair[1] ? String(pair[0]) : `${pair[0]}x${pair[1]}`;
}

function readPair(params: SearchParams, name: 'kernel' | 'stride' | 'pool', fallback: Pair, notices: QueryNotice[]): Pair {
  const raw = first(params[name]);
  if (raw === undefined) return fallback;
  const { min, max } = QUERY_LIMITS[name];
  const pair = parsePair(raw, min, max);
  if (pair) return pair;
  notices.push({ code: 'badSize', param: name, value: raw, allowed: `${min}–${max}` });
  return fallback;
}

const convPaddingWords: Record<string, PaddingMode> = { valid: 'valid', same: 'zero', zero: 'zero', replicate: 'replicate' };

export function parseConvolutionQuery(params: SearchParams, defaults: ConvolutionQuery): { query: ConvolutionQuery; notices: QueryNotice[] } {
  const notices: QueryNotice[] = [];
  const kernel = readPair(params, 'kernel', defaults.kernel, notices);
  const stride = readPair(params, 'stride', defaults.stride, notices);
  let padding = defaults.padding;
  const rawPadding = first(params.padding);
  if (rawPadding !== undefined) {
    const mode = convPaddingWords[rawPadding.trim().toLowerCase()];
    if (mode) padding = mode;
    else notices.push({ code: 'badChoice', param: 'padding', value: rawPadding, allowed: Object.keys(convPaddingWords).join(', ') });
  }
  return { query: { kernel, stride, padding }, notices };
}

const poolTypeWords: Record<string, PoolKind> = { max: 'max', maxpooling2d: 'max', average: 'average', avg: 'average', averagepooling2d: 'average' };

export function parsePoolingQuery(params: SearchParams): { query: PoolingQuery; notices: QueryNotice[] } {
  const notices: QueryNotice[] = [];
  const pool = readPair(params, 'pool', [2, 2], notices);
  // Keras: strides default to the pool size.
  const stride = readPair(params, 'stride', pool, notices);
  let padding: 'valid' | 'same' = 'valid';
  const rawPadding = first(params.padding);
  if (rawPadding !== undefined) {
    const p = rawPadding.trim().toLowerCase();
    if (p === 'valid' || p === 'same') padding = p;
    else notices.push({ code: 'badChoice', param: 'padding', value: rawPadding, allowed: 'valid, same' });
  }
  let type: PoolKind = 'max';
  const rawType = first(params.type);
  if (rawType !== undefined) {
    const k = poolTypeWords[rawType.trim().toLowerCase()];
    if (k) type = k;
    else notices.push({ code: 'badChoice', param: 'type', value: rawType, allowed: 'max, average' });
  }
  return { query: { pool, stride, padding, type }, notices };
}

export function parseDropoutQuery(params: SearchParams): { query: DropoutQuery; notices: QueryNotice[] } {
  const raw = first(params.rate);
  if (raw === undefined) return { query: { rate: null }, notices: [] };
  const rate = /^\s*(\d+\.?\d*|\.\d+)\s*$/.test(raw) ? Number(raw) : NaN;
  if (Number.isFinite(rate) && rate >= 0 && rate < 1) return { query: { rate }, notices: [] };
  return { query: { rate: null }, notices: [{ code: 'badRate', param: 'rate', value: raw, allowed: '[0, 1)' }] };
}
