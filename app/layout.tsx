import type { Metadata } from 'next';
import { NextIntlClientProvider } from 'next-intl';
import { getLocale, getMessages, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { HistoryGuardRoot } from '@/components/editor/HistoryGuardRoot';
import { LanguageSwitcher } from '@/components/ui/LanguageSwitcher';
import './globals.css';

export const metadata: Metadata = {
  title: 'CNN Studio',
  description: 'Design convolutional networks by hand, train them in your browser, and see what they learn.',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const locale = await getLocale();
  const messages = await getMessages();
  const t = await getTranslations('common');
  return (
    <html lang={locale}>
      <body>
        <HistoryGuardRoot />
        <NextIntlClientProvider locale={locale} messages={messages}>
          <header className="app-header">
            <Link href="/" className="brand">
              {t('appName')}
            </Link>
            <nav aria-label={t('nav.label')}>
              <Link href="/new">{t('nav.new')}</Link>
              <Link href="/mine">{t('nav.mine')}</Link>
              <Link href="/datasets">{t('nav.datasets')}</Link>
              <Link href="/learn">{t('nav.learn')}</Link>
            </nav>
            <LanguageSwitcher />
          </header>
          <main className="app-main">{children}</main>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
