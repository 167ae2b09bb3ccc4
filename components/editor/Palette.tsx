'use client';

import { useTranslations } from 'next-intl';
import { appendLayer, categoryOrder, layersIn, type LayerType } from '@/lib/graph';
import { LAYER_DRAG_TYPE } from './Canvas';
import { useEditorStore, useReadOnly } from './EditorContext';

/** Every layer type, grouped; drag onto the canvas, or click / Enter to append after the selection. */
export function Palette() {
  const t = useTranslations('editor.palette');
  const tl = useTranslations('layers');
  const store = useEditorStore();
  const readOnly = useReadOnly();
  if (readOnly) return null;

  const append = (type: LayerType) => {
    const state = store.getState();
    const after = state.selectedNodeIds.length === 1 ? state.selectedNodeIds[0]! : null;
    const { doc, nodeId } = appendLayer(state.doc, type, after);
    state.apply(doc);
    state.select([nodeId]);
  };

  return (
    <aside className="palette" aria-label={t('title')}>
      <h2>{t('title')}</h2>
      <p className="muted palette-hint">{t('hint')}</p>
      {categoryOrder.filter((category) => layersIn(category).length > 0).map((category) => (
        <section key={category} className="palette-group" aria-labelledby={`palette-${category}`}>
          <h3 id={`palette-${category}`}>{tl(`groups.${category}`)}</h3>
          <ul>
            {layersIn(category).map((type) => (
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
        </section>
      ))}
    </aside>
  );
}
