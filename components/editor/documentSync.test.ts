import { describe, expect, it, vi } from 'vitest';
import { appendLayer } from '@/lib/graph';
import { templateDocument } from '@/lib/templates';
import { DocumentSync, type SyncApi } from './documentSync';
import { createEditorStore } from './store';

function fakeApi(serverVersion = { v: 1 }) {
  const updates: number[] = [];
  const api: SyncApi = {
    create: vi.fn(async () => ({ ok: true as const, data: { id: 'a1', shareId: 's1', version: 1 } })),
    update: vi.fn(async (_id, body) => {
      updates.push(body.version);
      if (body.version !== serverVersion.v) return { ok: false as const, status: 409, error: 'stale', currentVersion: serverVersion.v };
      serverVersion.v += 1;
      return { ok: true as const, data: { version: serverVersion.v } };
    }),
  };
  return { api, updates, serverVersion };
}

describe('DocumentSync', () => {
  it('autosaves changes, debounced, each PUT based on the last saved version', async () => {
    vi.useFakeTimers();
    const store = createEditorStore(templateDocument('lenet5'));
    const { api, updates } = fakeApi();
    const sync = new DocumentSync(store, api, { id: 'a1', shareId: 's1', version: 1 }, undefined, 100);
    sync.start();
    store.getState().apply(appendLayer(store.getState().doc, 'Dropout', 'f5').doc);
    store.getState().apply(appendLayer(store.getState().doc, 'Dropout', 'f6').doc);
    expect(sync.getState().status.kind).toBe('dirty');
    await vi.advanceTimersByTimeAsync(150);
    expect(updates).toEqual([1]);
    expect(sync.getState()).toMatchObject({ status: { kind: 'saved' }, saved: { version: 2 } });
    store.getState().apply(appendLayer(store.getState().doc, 'Dropout', 'f6').doc);
    await vi.advanceTimersByTimeAsync(150);
    expect(updates).toEqual([1, 2]);
    vi.useRealTimers();
  });

  it('a 409 stops autosaving, overwrites nothing and reports the current version', async () => {
    vi.useFakeTimers();
    const store = createEditorStore(templateDocument('lenet5'));
    const { api, updates } = fakeApi({ v: 5 });
    const sync = new DocumentSync(store, api, { id: 'a1', shareId: 's1', version: 1 }, undefined, 100);
    sync.start();
    store.getState().apply(appendLayer(store.getState().doc, 'Dropout', 'f5').doc);
    await vi.advanceTimersByTimeAsync(150);
    expect(sync.getState().status).toEqual({ kind: 'conflict', version: 5 });
    store.getState().apply(appendLayer(store.getState().doc, 'Dropout', 'f6').doc);
    await vi.advanceTimersByTimeAsync(500);
    expect(updates).toEqual([1]);
    expect(sync.hasUnsavedChanges()).toBe(true);
    // "Save as a copy" creates a new architecture instead.
    const copy = await sync.create('LeNet-5 (copy)');
    expect(copy).toEqual({ id: 'a1', shareId: 's1', version: 1 });
    expect(store.getState().doc.name).toBe('LeNet-5 (copy)');
    vi.useRealTimers();
  });

  it('a failed save says why and can be retried', async () => {
    const store = createEditorStore(templateDocument('lenet5'));
    const api: SyncApi = {
      create: async () => ({ ok: false, status: 422, error: 'Invalid document', issues: [{ path: 'nodes[1].params.filters', message: 'expected a positive integer, got 0' }] }),
      update: async () => ({ ok: false, status: 500, error: 'Internal error' }),
    };
    const sync = new DocumentSync(store, api, null);
    expect(await sync.create()).toBeNull();
    expect(sync.getState().status).toEqual({ kind: 'failed', error: 'Invalid document: nodes[1].params.filters: expected a positive integer, got 0' });
  });

  it('leaving the editor sends a pending autosave at once instead of dropping it', async () => {
    vi.useFakeTimers();
    const store = createEditorStore(templateDocument('lenet5'));
    const { api, updates } = fakeApi();
    const sync = new DocumentSync(store, api, { id: 'a1', shareId: 's1', version: 1 }, undefined, 800);
    sync.start();
    store.getState().apply(appendLayer(store.getState().doc, 'Dropout', 'f5').doc);
    // Well within the autosave delay, the user goes to another page of the app.
    await vi.advanceTimersByTimeAsync(100);
    await sync.leave();
    expect(updates).toEqual([1]);
    expect(sync.getState()).toMatchObject({ status: { kind: 'saved' }, saved: { version: 2 } });
    // Nothing is sent twice once the delay would have passed.
    await vi.advanceTimersByTimeAsync(2000);
    expect(updates).toEqual([1]);
    vi.useRealTimers();
  });

  it('a flush while a save is under way waits for it, then sends the newer changes with the new version and keepalive', async () => {
    const store = createEditorStore(templateDocument('lenet5'));
    const { api, updates } = fakeApi();
    const sync = new DocumentSync(store, api, { id: 'a1', shareId: 's1', version: 1 }, undefined, 60_000);
    sync.start();
    store.getState().apply(appendLayer(store.getState().doc, 'Dropout', 'f5').doc);
    const first = sync.flushNow();
    store.getState().apply(appendLayer(store.getState().doc, 'Dropout', 'f6').doc);
    await sync.flushNow({ keepalive: true });
    await first;
    expect(updates).toEqual([1, 2]);
    expect(vi.mocked(api.update).mock.calls.at(-1)?.[2]).toEqual({ keepalive: true });
    expect(sync.hasUnsavedChanges()).toBe(false);
    sync.stop();
  });

  it('a flush on the way out respects a newer version saved elsewhere (409): nothing is overwritten', async () => {
    const store = createEditorStore(templateDocument('lenet5'));
    const { api, updates } = fakeApi({ v: 3 });
    const sync = new DocumentSync(store, api, { id: 'a1', shareId: 's1', version: 1 }, undefined, 60_000);
    sync.start();
    store.getState().apply(appendLayer(store.getState().doc, 'Dropout', 'f5').doc);
    await sync.flushNow({ keepalive: true });
    expect(sync.getState().status).toEqual({ kind: 'conflict', version: 3 });
    await sync.flushNow({ keepalive: true });
    expect(updates).toEqual([1]);
    expect(sync.hasUnsavedChanges()).toBe(true);
    sync.stop();
  });
});
