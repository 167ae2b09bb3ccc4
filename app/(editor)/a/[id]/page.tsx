import { notFound } from 'next/navigation';
import { getTranslations } from 'next-intl/server';
import { getArchitectureForOwner } from '@/lib/db/architectures';
import { getOwnerHashFromCookies } from '@/lib/db/owner';
import { OwnerEditor } from './OwnerEditor';

export const dynamic = 'force-dynamic';

export default async function ArchitecturePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ownerHash = await getOwnerHashFromCookies();
  const result = await getArchitectureForOwner(id, ownerHash);
  if (result.status === 'not-found') notFound();
  if (result.status === 'forbidden') {
    const t = await getTranslations('editor.denied');
    return (
      <div className="page">
        <h1>{t('title')}</h1>
        <p>{t('body')}</p>
      </div>
    );
  }
  const a = result.architecture;
  return <OwnerEditor key={`${a.id}:${a.version}`} initial={a.document} saved={{ id: a.id, shareId: a.shareId, version: a.version }} />;
}
