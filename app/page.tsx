import Link from 'next/link';
import { getFormatter, getTranslations } from 'next-intl/server';
import { analyzeGraph } from '@/lib/graph';
import { templateDocument, templateIds } from '@/lib/templates';

export default async function HomePage() {
  const t = await getTranslations('common');
  const te = await getTranslations('editor.new');
  const format = await getFormatter();
  const cards = ['design', 'train', 'share', 'learn'] as const;
  return (
    <div className="page home">
      <section className="hero">
        <h1>{t('home.heroTitle')}</h1>
        <p className="muted">{t('tagline')}</p>
        <p className="hero-actions">
          <Link href="/new" className="button primary">
            {t('home.start')}
          </Link>
          <Link href="/learn" className="button">
            {t('home.learn')}
          </Link>
        </p>
      </section>
      <ul className="home-cards">
        {cards.map((c) => (
          <li key={c}>
            <h2>{t(`home.cards.${c}.title`)}</h2>
            <p>{t(`home.cards.${c}.body`)}</p>
          </li>
        ))}
      </ul>
      <h2>{t('home.templatesTitle')}</h2>
      <ul className="template-list">
        {templateIds.map((id) => {
          const doc = templateDocument(id);
          const totals = analyzeGraph(doc).totals;
          return (
            <li key={id}>
              <Link href={`/new?template=${id}`} className="template-card">
                <strong>{doc.name}</strong>
                <span className="muted">{te(`template.${id}`)}</span>
                <span className="mono">{te('summary', { layers: doc.nodes.length, params: totals ? format.number(totals.total) : '—' })}</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
