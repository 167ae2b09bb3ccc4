import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

export default async function HomePage() {
  const t = await getTranslations('common');
  return (
    <div className="page">
      <h1>{t('appName')}</h1>
      <p>{t('tagline')}</p>
      <p>
        <Link href="/new">{t('nav.new')}</Link> · <Link href="/mine">{t('nav.mine')}</Link> ·{' '}
        <Link href="/learn">{t('nav.learn')}</Link>
      </p>
    </div>
  );
}
