'use client';

import { useTranslations } from 'next-intl';
import { useId } from 'react';
import { backendNames, type BackendChoice } from '@/lib/train/backendNames';

export function BackendPicker({ value, disabled, onChange }: { value: BackendChoice; disabled: boolean; onChange(choice: BackendChoice): void }) {
  const t = useTranslations('train.backend');
  const id = useId();
  return (
    <span className="train-backend-picker">
      <label htmlFor={id}>{t('label')}</label>
      <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.target.value as BackendChoice)}>
        <option value="auto">{t('auto')}</option>
        {backendNames.map((b) => (
          <option key={b} value={b}>
            {t(`names.${b}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
