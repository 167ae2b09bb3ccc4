'use client';

import { useEffect, useRef, useState } from 'react';
import { createArchitecture } from '@/lib/api/client';
import type { ArchitectureDocument } from '@/lib/schema';
import type { DocumentSync } from './documentSync';
import { deleteDraft, draftKey, draftOffer, getDraft, latestNewDraft, putDraft, type LocalDraft } from './localDrafts';
import type { EditorStore } from './store';

/** How soon after a change the draft is written (IndexedDB, local: cheap). */
const DRAFT_DELAY_MS = 300;

export type DraftPrompt = { kind: 'restore' | 'stale'; draft: LocalDraft; serverVersion: number | null; error: string | null };

/**
 * Keeps a local draft of unsaved work while the editor is open, and offers
 * back a draft left by an earlier visit. Drafts are best effort: IndexedDB
 * may be unavailable (private windows), and then the editor works as before.
 */
export function useLocalDraft(store: EditorStore, sync: DocumentSync, enabled: boolean) {
  const [editorId] = useState(() => Math.random().toString(36).slice(2) + Date.now().toString(36));
  const [prompt, setPrompt] = useState<DraftPrompt | null>(null);
  // The key of the draft on offer: not written over nor deleted until the user decides.
  const held = useRef<string | null>(null);

  const keyNow = () => {
    const saved = sync.getState().saved;
    return saved ? draftKey.saved(saved.id) : draftKey.newEditor(editorId);
  };

  // Offer a draft from an earlier visit.
  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    const saved = sync.getState().saved;
    const found = saved ? getDraft(draftKey.saved(saved.id)) : latestNewDraft(draftKey.newEditor(editorId));
    found
      .then((draft) => {
        if (cancelled || !draft) return;
        const offer = draftOffer(draft, { version: saved?.version ?? null, document: store.getState().doc });
        if (offer.kind === 'same') return void deleteDraft(draft.key);
        held.current = draft.key;
        setPrompt({ kind: offer.kind, draft, serverVersion: saved?.version ?? null, error: null });
      })
      .catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [enabled, sync, store, editorId]);

  // Keep the draft in step: written while there are unsaved changes, dropped once the server has them.
  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let lastKey = keyNow();
    // Decided when it runs, not when scheduled: zundo records the undo step only after the store's listeners ran.
    const write = () => {
      timer = null;
      const key = keyNow();
      if (key === held.current) return;
      if (!sync.hasUnsavedChanges()) return void deleteDraft(key).catch(() => {});
      const draft: LocalDraft = { key, baseVersion: sync.getState().saved?.version ?? null, savedAt: Date.now(), document: store.getState().doc };
      void putDraft(draft).catch(() => {});
    };
    const reconcile = () => {
      const key = keyNow();
      // First save of a new architecture: its draft moves to the architecture's key.
      if (key !== lastKey && lastKey !== held.current) void deleteDraft(lastKey).catch(() => {});
      lastKey = key;
      if (timer) clearTimeout(timer);
      timer = setTimeout(write, DRAFT_DELAY_MS);
    };
    const offStore = store.subscribe((next, prev) => {
      if (next.doc !== prev.doc) reconcile();
    });
    const offSync = sync.subscribe(reconcile);
    // The page is hidden or closed: write now, not after the delay.
    const now = () => {
      if (document.visibilityState === 'hidden' || timer) write();
    };
    document.addEventListener('visibilitychange', now);
    window.addEventListener('pagehide', write);
    return () => {
      offStore();
      offSync();
      document.removeEventListener('visibilitychange', now);
      window.removeEventListener('pagehide', write);
      if (timer) write();
    };
    // keyNow reads refs and the sync object only.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [enabled, sync, store, editorId]);

  const settle = (draft: LocalDraft) => {
    held.current = null;
    setPrompt(null);
    void deleteDraft(draft.key).catch(() => {});
  };

  return {
    prompt,
    /** Puts the draft into the editor, as one undoable change; autosave (or Save) takes it from there. */
    restore() {
      if (!prompt || prompt.kind !== 'restore') return;
      const draft = prompt.draft;
      const own = keyNow();
      store.getState().apply(draft.document);
      if (draft.key === own) {
        held.current = null;
        setPrompt(null);
        return;
      }
      settle(draft);
    },
    discard() {
      if (prompt) settle(prompt.draft);
    },
    /** A draft edited from an older version: kept as a new architecture, never over the newer one. */
    async saveAsCopy(name: string): Promise<string | null> {
      if (!prompt) return null;
      const document: ArchitectureDocument = { ...prompt.draft.document, name };
      const result = await createArchitecture({ name, document });
      if (!result.ok) {
        setPrompt({ ...prompt, error: result.error });
        return null;
      }
      settle(prompt.draft);
      return result.data.id;
    },
  };
}
