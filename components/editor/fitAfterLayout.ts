import { FIT_VIEW } from './Canvas';

/**
 * Fits the view to the graph now, and once more if the canvas changes size
 * in the next moment: an import's status line can wrap the toolbar and
 * shrink the canvas after the first fit, leaving the last layers below it.
 */
export function fitAfterLayout(fitView: (options: typeof FIT_VIEW) => Promise<boolean>): void {
  void fitView(FIT_VIEW);
  const canvas = typeof document === 'undefined' ? null : document.querySelector('.react-flow');
  if (!canvas || typeof ResizeObserver === 'undefined') return;
  let first = true;
  const observer = new ResizeObserver(() => {
    // The first callback reports the size at observe time, not a change.
    if (first) {
      first = false;
      return;
    }
    void fitView(FIT_VIEW);
  });
  observer.observe(canvas);
  setTimeout(() => observer.disconnect(), 1000);
}
