'use client';

import { useTranslations } from 'next-intl';
import type { DataError } from '@/lib/data';
import { useDataErrorText } from './useDataErrorText';

/** Problems with data files, each naming its file and row or entry; announced to screen readers. */
export function ErrorList({ errors, title }: { errors: DataError[]; title?: string }) {
  const t = useTranslations('data.where');
  const errorText = useDataErrorText();
  if (errors.length === 0) return null;
  return (
    <div className="import-errors" role="alert">
      {title ? <p>{title}</p> : null}
      <ul>
        {errors.map((e, i) => {
          const { where, what } = errorText(e);
          return (
            <li key={i}>
              <strong>{where}</strong>
              {t('separator')}
              {what}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
