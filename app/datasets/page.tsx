import type { Metadata } from 'next';
import { getTranslations } from 'next-intl/server';
import { DatasetBrowser } from '@/components/data/DatasetBrowser';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('data.page');
  return { title: t('metaTitle') };
}

export default async function DatasetsPage() {
  const t = await getTranslations('data.page');
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      <p className="datasets-intro muted">{t('intro')}</p>
      <DatasetBrowser />
    </div>
  );
}
