'use client';

import { useEffect, useRef } from 'react';
import { copySelection, paste, type Clipboard } from '@/lib/graph';
import type { EditorStore } from './store';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** Undo/redo and copy/paste from the keyboard, except while typing in a field (the field keeps its own undo). */
export function useShortcuts(store: EditorStore, readOnly: boolean) {
  const clipboard = useRef<Clipboard | null>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (readOnly || isTyping(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      if (!mod) return;
      const key = e.key.toLowerCase();
      const history = store.temporal.getState();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        history.undo();
      } else if ((key === 'z' && e.shiftKey) || key === 'y') {
        e.preventDefault();
        history.redo();
      } else if (key === 'c') {
        const state = store.getState();
        if (state.selectedNodeIds.length) clipboard.current = copySelection(state.doc, state.selectedNodeIds);
      } else if (key === 'v' && clipboard.current) {
        e.preventDefault();
        const state = store.getState();
        const result = paste(state.doc, clipboard.current);
        state.apply(result.doc);
        state.select(result.nodeIds);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store, readOnly]);
}
