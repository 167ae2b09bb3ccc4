'use client';

import { useTranslations } from 'next-intl';
import { useCallback } from 'react';
import type { ReadinessIssue } from '@/lib/train/checks';

export function useReadinessText(): (issue: ReadinessIssue) => string {
  const t = useTranslations('train.readiness');
  return useCallback((issue) => (t.has(issue.code) ? t(issue.code, issue.values) : issue.message), [t]);
}
