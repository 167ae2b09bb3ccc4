'use client';

import { installHistoryGuard } from './historyGuard';

// On module evaluation, before the App Router hydrates and adds its own popstate listener.
installHistoryGuard();

/** Rendered once in the root layout so the history guard is in place before the router. */
export function HistoryGuardRoot() {
  return null;
}
