'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { GraphIssue } from '@/lib/graph';

/** Issues carry a code and values; the message is shown in the user's language. */
export function useIssueText(): (issue: Pick<GraphIssue, 'code' | 'values' | 'message'>) => string {
  const t = useTranslations('editor.issues');
  return useCallback(
    (issue) => (t.has(issue.code) ? t(issue.code, issue.values) : issue.message),
    [t],
  );
}
