'use client';

import { useTranslations } from 'next-intl';
import type { DataError } from '@/lib/data';

/**
 * A data error as the user reads it: where (file, row or zip entry), then what.
 * Errors with a code are translated; the rest keep their English sentence.
 */
export function useDataErrorText(): (error: DataError) => { where: string; what: string } {
  const t = useTranslations('data');
  return (error) => {
    const where =
      error.row !== undefined
        ? t('where.row', { file: error.file, row: error.row })
        : error.entry !== undefined
          ? t('where.entry', { file: error.file, entry: error.entry })
          : t('where.file', { file: error.file });
    const key = `errors.${error.code ?? ''}`;
    const what = error.code && t.has(key) ? t(key, error.values ?? {}) : error.message;
    return { where, what };
  };
}
