'use client';

import { useTranslations } from 'next-intl';
import { useId, useState } from 'react';
import type { TrainingSession } from '@/lib/train/page/session';

/** "Evaluate on the first N test images": all 10,000 can take minutes on a slow (software) GPU. */
export function EvaluationLimit({ session }: { session: TrainingSession }) {
  const t = useTranslations('train.evaluation');
  const id = useId();
  const [text, setText] = useState(session.evaluationLimit === null ? '' : String(session.evaluationLimit));
  const value = text.trim() === '' ? null : Number(text);
  const valid = value === null || (Number.isInteger(value) && value >= 1);
  return (
    <span className="train-eval-limit">
      <label htmlFor={id}>{t('limit')}</label>
      <input
        id={id}
        type="number"
        min={1}
        step={1}
        value={text}
        placeholder={t('limitAll')}
        aria-invalid={valid ? undefined : true}
        onChange={(e) => {
          setText(e.target.value);
          const next = e.target.value.trim() === '' ? null : Number(e.target.value);
          if (next === null || (Number.isInteger(next) && next >= 1)) session.setEvaluationLimit(next);
        }}
      />
    </span>
  );
}
