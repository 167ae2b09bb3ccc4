'use client';

import { useCallback, useEffect, useState } from 'react';
import { listDatasets, type DatasetSummary } from '@/lib/data';

// Imports, renames and deletes announce themselves here (and to other tabs),
// so every picker and list shows the same datasets without a reload.
const eventName = 'cnn-studio:datasets-changed';
const channelName = 'cnn-studio-datasets';

export function announceDatasetsChanged(): void {
  window.dispatchEvent(new Event(eventName));
  if (typeof BroadcastChannel !== 'undefined') {
    const channel = new BroadcastChannel(channelName);
    channel.postMessage('changed');
    channel.close();
  }
}

function onDatasetsChanged(listener: () => void): () => void {
  window.addEventListener(eventName, listener);
  const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(channelName) : null;
  if (channel) channel.onmessage = listener;
  return () => {
    window.removeEventListener(eventName, listener);
    channel?.close();
  };
}

export interface DatasetsState {
  /** null until the first list arrives */
  datasets: DatasetSummary[] | null;
  error: string | null;
  reload: () => Promise<void>;
}

export function useDatasets(): DatasetsState {
  const [datasets, setDatasets] = useState<DatasetSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setDatasets(await listDatasets());
      setError(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  }, []);
  useEffect(() => {
    let live = true;
    listDatasets().then(
      (list) => live && setDatasets(list),
      (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
    );
    const unsubscribe = onDatasetsChanged(() => void reload());
    return () => {
      live = false;
      unsubscribe();
    };
  }, [reload]);
  return { datasets, error, reload };
}
