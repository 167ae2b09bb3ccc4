'use client';

import { Editor } from '@/components/editor/Editor';
import type { ArchitectureDocument } from '@/lib/schema';

export function SharedEditor({ initial, shareId }: { initial: ArchitectureDocument; shareId: string }) {
  return <Editor mode="shared" initial={initial} shareId={shareId} />;
}
