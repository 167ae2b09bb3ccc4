import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

/** Served with status 403 when /a/<id> belongs to another browser's owner key. */
export default async function ArchitectureForbidden() {
  const t = await getTranslations('editor.denied');
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <p>{t('body')}</p>
      <p>
        {t('recover')} <Link href="/mine#recovery">{t('recoverLink')}</Link>
      </p>
    </div>
  );
}
