'use client';

import { Editor } from '@/components/editor/Editor';
import type { ArchitectureDocument } from '@/lib/schema';

export function NewEditor({ initial }: { initial: ArchitectureDocument }) {
  return <Editor mode="new" initial={initial} />;
}
