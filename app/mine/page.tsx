import { createHash } from 'node:crypto';
import { getTranslations } from 'next-intl/server';
import { listArchitecturesForOwner } from '@/lib/db/architectures';
import { getOwnerHashFromCookies } from '@/lib/db/owner';
import { ArchitectureList } from '@/components/editor/ArchitectureList';
import { RecoveryKeyPanel } from '@/components/editor/RecoveryKeyPanel';

export const dynamic = 'force-dynamic';
export const metadata = { title: 'My architectures · CNN Studio' };

function listingKey(rows: string[]): string {
  return createHash('sha256').update(rows.join(',')).digest('base64url').slice(0, 16);
}

export default async function MinePage() {
  const t = await getTranslations('editor.mine');
  const ownerHash = await getOwnerHashFromCookies();
  const listed = ownerHash ? await listArchitecturesForOwner(ownerHash) : null;
  const page = listed?.ok ? listed.page : { architectures: [], nextCursor: null };
  return (
    <div className="page">
      <h1>{t('title')}</h1>
      {/* Keyed by what the server listed: after a recovery key is entered,
          router.refresh() brings another owner's first page, and the list
          (which keeps its loaded pages in state) must start again from it. */}
      <ArchitectureList
        key={listingKey(page.architectures.map((a) => `${a.id}@${new Date(a.updatedAt).getTime()}`))}
        items={page.architectures.map((a) => ({
          id: a.id,
          name: a.name,
          paramCount: a.paramCount,
          errorCount: a.errorCount,
          updatedAt: new Date(a.updatedAt).toISOString(),
          bestValAccuracy: a.bestValAccuracy,
        }))}
        nextCursor={page.nextCursor}
      />
      <RecoveryKeyPanel hasKey={ownerHash !== null} />
    </div>
  );
}
