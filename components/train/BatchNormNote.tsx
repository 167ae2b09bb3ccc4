'use client';

import { useFormatter, useTranslations } from 'next-intl';
import { useMemo } from 'react';
import type { ArchitectureDocument } from '@/lib/schema';
import type { SessionState } from '@/lib/train/page/session';
import { batchNormLag } from './batchNormLag';

/** Beside the curves: why validation lags far behind training after few steps in a net with BatchNormalization. */
export function BatchNormNote({ state, document }: { state: SessionState; document: ArchitectureDocument }) {
  const t = useTranslations('train.batchNormLag');
  const format = useFormatter();
  const batchSize = state.hyperparameters?.batchSize ?? 0;
  const lag = useMemo(() => batchNormLag(document, state.epochs, state.trainImages, batchSize), [document, state.epochs, state.trainImages, batchSize]);
  if (!lag) return null;
  const percent = (value: number) => format.number(value, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <aside className="train-note" role="note" aria-labelledby="batch-norm-lag-title" data-testid="batch-norm-note">
      <p>
        <strong id="batch-norm-lag-title">
          <span aria-hidden="true">ⓘ </span>
          {t('title', { validation: percent(lag.valAccuracy), training: percent(lag.trainAccuracy) })}
        </strong>
      </p>
      <p>
        {t('why', { steps: lag.steps, weight: percent(lag.startingWeight), momentum: format.number(lag.momentum) })}
      </p>
      <p>{t('fix')}</p>
    </aside>
  );
}
