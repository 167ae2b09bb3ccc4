'use client';

import { useCallback, useEffect, useRef, useState } from 'react';
import { createArchitecture, updateArchitecture } from '@/lib/api/client';
import type { ArchitectureDocument } from '@/lib/schema';
import type { EditorStore } from './store';

export type SaveStatus =
  | { kind: 'unsaved' }
  | { kind: 'saved' }
  | { kind: 'dirty' }
  | { kind: 'saving' }
  | { kind: 'failed'; error: string }
  | { kind: 'conflict'; version: number | null };

export interface SavedArchitecture {
  id: string;
  shareId: string;
  version: number;
}

const AUTOSAVE_DELAY_MS = 800;

/**
 * Keeps the server copy in step with the editor: the first save creates the
 * architecture (the URL becomes /a/<id>); after that every change autosaves,
 * debounced, with the version it was based on. A 409 stops autosaving and
 * asks the user; nothing is overwritten silently.
 */
export function useDocumentSync(store: EditorStore, initial: SavedArchitecture | null, enabled: boolean) {
  const [saved, setSaved] = useState<SavedArchitecture | null>(initial);
  const [status, setStatus] = useState<SaveStatus>(initial ? { kind: 'saved' } : { kind: 'unsaved' });
  const lastSavedDoc = useRef<ArchitectureDocument | null>(initial ? store.getState().doc : null);
  const savedRef = useRef(saved);
  savedRef.current = saved;
  const inFlight = useRef(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const statusRef = useRef(status);
  statusRef.current = status;

  const flush = useCallback(async () => {
    const current = savedRef.current;
    if (!current || inFlight.current || statusRef.current.kind === 'conflict') return;
    const doc = store.getState().doc;
    if (doc === lastSavedDoc.current) return;
    inFlight.current = true;
    setStatus({ kind: 'saving' });
    const result = await updateArchitecture(current.id, { name: doc.name, document: doc, version: current.version });
    inFlight.current = false;
    if (result.ok) {
      lastSavedDoc.current = doc;
      setSaved({ ...current, version: result.data.version });
      savedRef.current = { ...current, version: result.data.version };
      if (store.getState().doc !== doc) {
        setStatus({ kind: 'dirty' });
        timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
      } else setStatus({ kind: 'saved' });
    } else if (result.status === 409) {
      const version = (result as { currentVersion?: number }).currentVersion ?? null;
      setStatus({ kind: 'conflict', version });
    } else {
      setStatus({ kind: 'failed', error: result.error });
    }
  }, [store]);

  useEffect(() => {
    if (!enabled) return;
    return store.subscribe((state, prev) => {
      if (state.doc === prev.doc || !savedRef.current) return;
      if (statusRef.current.kind === 'conflict') return;
      setStatus({ kind: 'dirty' });
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), AUTOSAVE_DELAY_MS);
    });
  }, [store, flush, enabled]);

  useEffect(() => () => {
    if (timer.current) clearTimeout(timer.current);
  }, []);

  /** First save, or "save as a copy" after a conflict: a new architecture owned by this browser. */
  const create = useCallback(
    async (name?: string) => {
      const doc = name ? { ...store.getState().doc, name } : store.getState().doc;
      if (name) store.getState().apply(doc);
      setStatus({ kind: 'saving' });
      const result = await createArchitecture({ name: doc.name, document: doc });
      if (!result.ok) {
        setStatus({ kind: 'failed', error: result.issues?.length ? `${result.error}: ${result.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}` : result.error });
        return null;
      }
      const next = { id: result.data.id, shareId: result.data.shareId, version: result.data.version };
      lastSavedDoc.current = doc;
      savedRef.current = next;
      setSaved(next);
      setStatus(store.getState().doc === doc ? { kind: 'saved' } : { kind: 'dirty' });
      window.history.replaceState(null, '', `/a/${next.id}`);
      return next;
    },
    [store],
  );

  const retry = useCallback(() => void flush(), [flush]);

  const hasUnsavedChanges = () => {
    const kind = statusRef.current.kind;
    if (kind === 'saved') return false;
    if (kind === 'unsaved') return store.temporal.getState().pastStates.length > 0;
    return true;
  };

  useEffect(() => {
    if (!enabled) return;
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (hasUnsavedChanges()) {
        e.preventDefault();
        e.returnValue = '';
      }
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  });

  return { saved, status, create, retry };
}
