'use client';

import { useEffect, useState, useSyncExternalStore } from 'react';
import { createArchitecture, updateArchitecture } from '@/lib/api/client';
import { DocumentSync, type SavedArchitecture } from './documentSync';
import type { EditorStore } from './store';

export type { SaveStatus, SavedArchitecture } from './documentSync';

const api = { create: createArchitecture, update: updateArchitecture };

/** The editor's link to the server: autosave state, first save, retry, and a warning before leaving unsaved work. */
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
    const stop = sync.start();
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (sync.hasUnsavedChanges()) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => {
      stop();
      window.removeEventListener('beforeunload', onBeforeUnload);
    };
  }, [sync, enabled]);

  return { saved: state.saved, status: state.status, create: (name?: string) => sync.create(name), retry: sync.retry };
}
