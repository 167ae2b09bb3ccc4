import { forbidden, notFound } from 'next/navigation';
import { getArchitectureForOwner } from '@/lib/db/architectures';
import { getOwnerHashFromCookies } from '@/lib/db/owner';
import { OwnerEditor } from './OwnerEditor';

export const dynamic = 'force-dynamic';

export default async function ArchitecturePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const ownerHash = await getOwnerHashFromCookies();
  const result = await getArchitectureForOwner(id, ownerHash);
  // 404 with the not-found page; 403 with ./forbidden.tsx (someone else's, or this browser has no key).
  if (result.status === 'not-found') notFound();
  if (result.status === 'forbidden') forbidden();
  const a = result.architecture;
  return <OwnerEditor key={`${a.id}:${a.version}`} initial={a.document} saved={{ id: a.id, shareId: a.shareId, version: a.version }} />;
}
