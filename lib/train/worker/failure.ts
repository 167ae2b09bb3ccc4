import type { DivergedError } from './loop';
import type { DivergedDetail, FailureKind } from '../protocol';

/**
 * Sorts a training error into what the user can do about it: a lost GPU
 * device or exhausted memory can be retried on another backend; a loss that
 * became NaN needs a lower learning rate, not another backend.
 */
export function classifyFailure(error: unknown): { kind: FailureKind; error: string; diverged?: DivergedDetail } {
  if (error instanceof Error && error.name === 'DivergedError') {
    const d = error as DivergedError;
    return { kind: 'diverged', error: d.message, diverged: { epoch: d.epoch, batch: d.batch, learningRate: d.learningRate, value: d.value } };
  }
  const message = error instanceof Error ? error.message : typeof error === 'string' ? error : JSON.stringify(error);
  const text = message || 'unknown error';
  if (/device (was )?lost|device is lost|context (was )?lost|CONTEXT_LOST|lost the (gpu|device)/i.test(text)) {
    return { kind: 'deviceLost', error: `The GPU device was lost: ${text}` };
  }
  if (/out of memory|OOM|failed to allocate|allocation failed|exceeds the (max|maximum)|requested texture size/i.test(text)) {
    return { kind: 'outOfMemory', error: `Out of memory: ${text}` };
  }
  return { kind: 'error', error: text };
}
