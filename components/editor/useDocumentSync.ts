'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import { createArchitecture, updateArchitecture } from '@/lib/api/client';
import { DocumentSync, type SavedArchitecture } from './documentSync';
import type { EditorStore } from './store';

export type { SaveStatus, SavedArchitecture } from './documentSync';

const api = { create: createArchitecture, update: updateArchitecture };

/**
 * The editor's link to the server: autosave state, first save, retry, and a
 * warning before leaving unsaved work. No pending save is dropped on the way
 * out: leaving the editor inside the app sends it at once, and a page being
 * hidden or closed sends it with `keepalive` (the local draft keeps what a
 * closing page cannot send).
 */
export function useDocumentSync(store: EditorStore, initial: SavedArchitecture | null, enabled: boolean) {
  const [sync] = useState(
    () =>
      new DocumentSync(store, api, initial, (saved) => {
        // The URL becomes /a/<id> without reloading the editor (history stays).
        window.history.replaceState(null, '', `/a/${saved.id}`);
      }),
  );
  const state = useSyncExternalStore(sync.subscribe, sync.getState, sync.getState);

  useEffect(() => {
    if (!enabled) return;
    sync.start();
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (sync.hasUnsavedChanges()) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    const sendNow = () => {
      if (sync.hasUnsavedChanges()) void sync.flushNow({ keepalive: true });
    };
    const onVisibility = () => {
      if (document.visibilityState === 'hidden') sendNow();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    window.addEventListener('pagehide', sendNow);
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      // Leaving the editor for another page of the app: the pending autosave goes now (leave also stops watching).
      void sync.leave();
      window.removeEventListener('beforeunload', onBeforeUnload);
      window.removeEventListener('pagehide', sendNow);
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [sync, enabled]);

  return { sync, saved: state.saved, status: state.status, create: (name?: string) => sync.create(name), retry: sync.retry };
}
