// Browser Back/Forward inside the app must reach the editor's leave guard
// before Next.js's router acts on it. Listeners on window run in the order
// they were added (capture or not), and the router adds its popstate listener
// when the app hydrates, so ours is added earlier still: when this module is
// first evaluated, from the root layout (HistoryGuardRoot). The editor then
// sets the guard while it is open.

/** Returns true when it has taken the event (the router must not see it). */
export type HistoryGuard = (event: PopStateEvent) => boolean;

let current: HistoryGuard | null = null;
let installed = false;

export function installHistoryGuard(): void {
  if (installed || typeof window === 'undefined') return;
  installed = true;
  window.addEventListener('popstate', (event) => {
    if (current?.(event)) event.stopImmediatePropagation();
  });
}

/** Sets the guard; the returned function removes it (if it is still the one set). */
export function setHistoryGuard(guard: HistoryGuard): () => void {
  installHistoryGuard();
  current = guard;
  return () => {
    if (current === guard) current = null;
  };
}
