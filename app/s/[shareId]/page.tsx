import { notFound } from 'next/navigation';
import { getSharedArchitecture } from '@/lib/db/architectures';
import { SharedEditor } from './SharedEditor';

export const dynamic = 'force-dynamic';

export default async function SharedPage({ params }: { params: Promise<{ shareId: string }> }) {
  const { shareId } = await params;
  const shared = await getSharedArchitecture(shareId);
  if (!shared) notFound();
  return <SharedEditor initial={shared.document} shareId={shareId} />;
}
