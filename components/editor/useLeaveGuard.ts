'use client';

import { useRouter } from 'next/navigation';
import { useEffect, useState } from 'react';
import type { DocumentSync } from './documentSync';
import { setHistoryGuard } from './historyGuard';

export interface LeavePrompt {
  /** Leave anyway (the unsaved work stays in the local draft). */
  leave: () => void;
  stay: () => void;
}

interface NavigationLike {
  currentEntry: { index: number } | null;
}

/** The Navigation API's history index (Chromium), to undo a Back or a Forward alike. */
const historyIndex = (): number | null => (globalThis as { navigation?: NavigationLike }).navigation?.currentEntry?.index ?? null;

/**
 * Next.js's App Router has no navigation events, so leaving the editor inside
 * the app is caught where it starts: clicks on same-origin links (capture
 * phase, before next/link sees them) and history moves (historyGuard's
 * popstate listener, added before the router's own). With unsaved
 * changes, a saved architecture is saved first and then the navigation goes
 * on; if that cannot be done (never saved, save failed, conflict), the user is
 * asked. Real unloads are handled by the beforeunload warning and the
 * keepalive flush.
 */
export function useLeaveGuard(sync: DocumentSync, enabled: boolean): LeavePrompt | null {
  const router = useRouter();
  const [prompt, setPrompt] = useState<LeavePrompt | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let bypass = false;
    let swallowNext = false;
    // Read after the router has recorded this page's entry.
    let hereIndex: number | null = null;
    const here = setTimeout(() => (hereIndex = historyIndex()), 0);
    let busy = false;

    const settleThen = async (go: () => void, stay: () => void) => {
      if (busy) return;
      busy = true;
      try {
        const { saved, status } = sync.getState();
        if (saved && status.kind !== 'conflict') {
          await sync.flushNow();
          if (!sync.hasUnsavedChanges()) return go();
        }
        setPrompt({
          leave: () => {
            setPrompt(null);
            go();
          },
          stay: () => {
            setPrompt(null);
            stay();
          },
        });
      } finally {
        busy = false;
      }
    };

    const onClick = (e: MouseEvent) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const link = e.target instanceof Element ? e.target.closest('a[href]') : null;
      if (!(link instanceof HTMLAnchorElement) || (link.target && link.target !== '_self') || link.hasAttribute('download')) return;
      const url = new URL(link.href, window.location.href);
      // Another site is a real unload (beforeunload asks); a hash link stays on the page.
      if (url.origin !== window.location.origin || (url.pathname === window.location.pathname && url.search === window.location.search)) return;
      if (!sync.hasUnsavedChanges()) return;
      e.preventDefault();
      e.stopPropagation();
      void settleThen(
        () => router.push(url.pathname + url.search + url.hash),
        () => {},
      );
    };

    const onPopState = (e: PopStateEvent): boolean => {
      if (bypass) return false;
      if (swallowNext) {
        // Our own step back to the editor's entry after "Stay".
        swallowNext = false;
        return true;
      }
      if (!sync.hasUnsavedChanges()) return false;
      // The router must not see this yet: the editor stays until the work is safe.
      const state: unknown = e.state;
      const there = historyIndex();
      void settleThen(
        () => {
          bypass = true;
          window.dispatchEvent(new PopStateEvent('popstate', { state }));
          bypass = false;
        },
        () => {
          swallowNext = true;
          const delta = hereIndex !== null && there !== null ? hereIndex - there : 0;
          // Unknown direction: Back is by far the likelier.
          if (delta !== 0) window.history.go(delta);
          else window.history.forward();
        },
      );
      return true;
    };

    document.addEventListener('click', onClick, true);
    const unguard = setHistoryGuard(onPopState);
    return () => {
      unguard();
      clearTimeout(here);
      document.removeEventListener('click', onClick, true);
    };
  }, [sync, enabled, router]);

  return prompt;
}
