'use client';

import { useFormatter, useTranslations } from 'next-intl';
import type { DatasetSummary } from '@/lib/data';

/** "Imported signs: 24 classes, 27,455 training and 7,172 test images." after a dataset import, as a status. */
export function ImportedMessage({ summary, onDismiss }: { summary: DatasetSummary; onDismiss(): void }) {
  const t = useTranslations('data.import');
  const format = useFormatter();
  return (
    <p className="imported-message" role="status" data-testid="dataset-imported">
      {t('done', {
        name: summary.name,
        classes: summary.classNames.length,
        train: format.number(summary.trainCount),
        test: format.number(summary.testCount),
      })}{' '}
      <button type="button" aria-label={t('dismiss')} onClick={onDismiss}>
        ×
      </button>
    </p>
  );
}
