import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { analyzeGraph } from '@/lib/graph';
import { isTemplateId, templateDocument, templateIds, blankDocument } from '@/lib/templates';
import { NewEditor } from './NewEditor';

export const metadata = { title: 'New architecture · CNN Studio' };

export default async function NewPage({ searchParams }: { searchParams: Promise<{ template?: string }> }) {
  const { template } = await searchParams;
  const t = await getTranslations('editor');
  const format = await getFormatter();
  if (template === 'blank') return <NewEditor initial={blankDocument(t('untitled'))} />;
  if (isTemplateId(template)) return <NewEditor initial={templateDocument(template)} />;
  return (
    <div className="page">
      <h1>{t('new.title')}</h1>
      <ul className="template-list">
        <li>
          <Link href="/new?template=blank" className="template-card">
            <strong>{t('new.blank')}</strong>
            <span className="muted">{t('new.blankDescription')}</span>
          </Link>
        </li>
      </ul>
      <h2>{t('new.templates')}</h2>
      <ul className="template-list">
        {templateIds.map((id) => {
          const doc = templateDocument(id);
          const totals = analyzeGraph(doc).totals;
          return (
            <li key={id}>
              <Link href={`/new?template=${id}`} className="template-card">
                <strong>{doc.name}</strong>
                <span className="muted">{t(`new.template.${id}`)}</span>
                <span className="mono">
                  {t('new.summary', { layers: doc.nodes.length, params: totals ? format.number(totals.total) : '—' })}
                </span>
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
