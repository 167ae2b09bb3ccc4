'use client';

import { useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslations } from 'next-intl';
import { appendLayer, categoryOrder, layersIn, type LayerType } from '@/lib/graph';
import type { LayerCategory } from '@/lib/graph';
import { LAYER_DRAG_TYPE } from './Canvas';
import { useEditorStore, useReadOnly } from './EditorContext';
import { matchesFilter, PALETTE_CLOSED_KEY, parseClosedGroups } from './paletteFilter';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

// The closed groups live in localStorage; every palette (and other tabs) follows it.
const listeners = new Set<() => void>();
function subscribeClosed(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}
const storedClosed = () => storage()?.getItem(PALETTE_CLOSED_KEY) ?? null;
// The server renders every group open.
const noneClosed = () => null;
function storeClosed(closed: ReadonlySet<LayerCategory>): void {
  storage()?.setItem(PALETTE_CLOSED_KEY, JSON.stringify([...closed]));
  for (const listener of listeners) listener();
}

/**
 * Every layer type, grouped; drag onto the canvas, or click / Enter to append
 * after the selection. A filter box narrows the list by type name and
 * description; groups fold, and stay as the user left them.
 */
export function Palette() {
  const t = useTranslations('editor.palette');
  const tl = useTranslations('layers');
  const store = useEditorStore();
  const readOnly = useReadOnly();
  const [query, setQuery] = useState('');
  const stored = useSyncExternalStore(subscribeClosed, storedClosed, noneClosed);
  const closed = useMemo(() => parseClosedGroups(stored, categoryOrder), [stored]);

  const groups = useMemo(
    () =>
      categoryOrder
        .map((category) => ({
          category,
          types: layersIn(category).filter((type) => matchesFilter(query, type, tl(`descriptions.${type}`))),
        }))
        .filter((g) => g.types.length > 0),
    [query, tl],
  );
  const shown = groups.reduce((n, g) => n + g.types.length, 0);
  const filtering = query.trim() !== '';

  if (readOnly) return null;

  const append = (type: LayerType) => {
    const state = store.getState();
    const after = state.selectedNodeIds.length === 1 ? state.selectedNodeIds[0]! : null;
    const { doc, nodeId } = appendLayer(state.doc, type, after);
    state.apply(doc);
    state.select([nodeId]);
  };

  const toggle = (category: LayerCategory, open: boolean) => {
    // While filtering every group with a match is open; that is not the user's choice to keep.
    if (filtering || open === !closed.has(category)) return;
    const next = new Set(closed);
    if (open) next.delete(category);
    else next.add(category);
    storeClosed(next);
  };

  return (
    <aside className="palette" aria-label={t('title')}>
      <h2>{t('title')}</h2>
      <p className="muted palette-hint">{t('hint')}</p>
      <input
        type="search"
        className="palette-filter"
        aria-label={t('filter')}
        aria-describedby="palette-filter-count"
        placeholder={t('filterPlaceholder')}
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && query !== '') {
            e.preventDefault();
            e.stopPropagation();
            setQuery('');
          }
        }}
      />
      <p id="palette-filter-count" className="muted palette-count" role="status" aria-live="polite">
        {filtering ? t('shown', { count: shown }) : ''}
      </p>
      {groups.map(({ category, types }) => (
        <details
          key={category}
          className="palette-group"
          open={filtering || !closed.has(category)}
          onToggle={(e) => toggle(category, e.currentTarget.open)}
        >
          <summary>
            {/* A heading inside the summary: screen-reader users still jump between groups by heading. */}
            <h3 id={`palette-${category}`}>{tl(`groups.${category}`)}</h3>
          </summary>
          <ul aria-labelledby={`palette-${category}`}>
            {types.map((type) => (
              <li key={type}>
                <button
                  type="button"
                  className={`palette-item layer-${category}`}
                  draggable
                  title={tl(`descriptions.${type}`)}
                  aria-label={t('add', { layer: type })}
                  onDragStart={(e) => {
                    e.dataTransfer.setData(LAYER_DRAG_TYPE, type);
                    e.dataTransfer.effectAllowed = 'copy';
                  }}
                  onClick={() => append(type)}
                >
                  {type}
                </button>
              </li>
            ))}
          </ul>
        </details>
      ))}
    </aside>
  );
}
