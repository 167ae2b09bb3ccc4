'use client';

import { useLocale, useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { localeCookie, locales, toLocale } from '@/lib/i18n/config';

export function LanguageSwitcher() {
  const t = useTranslations('common');
  const locale = useLocale();
  const router = useRouter();
  return (
    <label className="language-switcher">
      <span className="visually-hidden">{t('language')}</span>
      <select
        aria-label={t('language')}
        value={locale}
        onChange={(e) => {
          const next = toLocale(e.target.value);
          document.cookie = `${localeCookie}=${next}; path=/; max-age=31536000; samesite=lax`;
          router.refresh();
        }}
      >
        {locales.map((l) => (
          <option key={l} value={l}>
            {t(`languageNames.${l}`)}
          </option>
        ))}
      </select>
    </label>
  );
}
