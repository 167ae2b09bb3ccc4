import { getFormatter, getTranslations } from 'next-intl/server';
import Link from 'next/link';
import { LessonFrame } from '@/components/learn/LessonFrame';
import { analyzeGraph, formatShapeCompact, layerDef } from '@/lib/graph';
import { lessonHref, type LessonId } from '@/lib/learn/lessons';
import { learnLinksFor } from '@/lib/learn/links';
import type { LayerNode } from '@/lib/schema';
import { templateDocument } from '@/lib/templates';
import { lessonMetadata } from '@/components/learn/metadata';

export const generateMetadata = () => lessonMetadata('architecture');

/** Dense layers are neurons; everything convolution-like links with its own settings. */
function lessonLinkFor(node: LayerNode): { lesson: LessonId; href: string } | null {
  if (node.type === 'Dense') return { lesson: 'neuron', href: lessonHref('neuron') };
  return learnLinksFor(node)[0] ?? null;
}

export default async function ArchitectureLessonPage() {
  const t = await getTranslations('learn.architecture');
  const tl = await getTranslations('layers');
  const tLearn = await getTranslations('learn');
  const format = await getFormatter();
  const doc = templateDocument('course-cnn');
  const analysis = analyzeGraph(doc);
  const byId = new Map(doc.nodes.map((n) => [n.id, n]));
  const rows = analysis.order.map((id) => ({ node: byId.get(id)!, info: analysis.nodes[id]! }));
  return (
    <LessonFrame id="architecture">
      <section className="lab" aria-label={t('labLabel')}>
        <table className="data architecture-table">
          <caption>{t('caption', { name: doc.name })}</caption>
          <thead>
            <tr>
              <th scope="col">#</th>
              <th scope="col">{t('layer')}</th>
              <th scope="col">{t('settings')}</th>
              <th scope="col">{t('what')}</th>
              <th scope="col">{t('shape')}</th>
              <th scope="col">{t('params')}</th>
              <th scope="col">{t('lesson')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ node, info }, i) => {
              const shape = info.outputShape;
              const side = shape && shape.length === 3 ? shape[0]! : null;
              const link = lessonLinkFor(node);
              return (
                <tr key={node.id}>
                  <td className="muted">{i + 1}</td>
                  <td className="mono">{node.type}</td>
                  <td className="mono muted">{node.type === 'Input' ? '' : (layerDef(node.type).summary?.(node.params as never) ?? '')}</td>
                  <td className="architecture-what">{tl(`descriptions.${node.type}`)}</td>
                  <td className="mono">
                    <span className="shape-cell">
                      {side !== null ? <span className="shape-square" style={{ width: side * 1.4, height: side * 1.4 }} aria-hidden="true" /> : null}
                      {shape ? formatShapeCompact(shape) : '—'}
                    </span>
                  </td>
                  <td className="mono">{info.paramCount ? format.number(info.paramCount.total) : '—'}</td>
                  <td>{link ? <Link href={link.href}>{tLearn(`lessons.${link.lesson}.title`)}</Link> : null}</td>
                </tr>
              );
            })}
          </tbody>
          <tfoot>
            <tr>
              <td />
              <th scope="row" colSpan={4}>
                {t('total')}
              </th>
              <td className="mono">{analysis.totals ? format.number(analysis.totals.total) : '—'}</td>
              <td />
            </tr>
          </tfoot>
        </table>
        <p>
          <Link href="/new?template=course-cnn" className="button-link">
            {t('openInEditor')}
          </Link>
        </p>
      </section>
    </LessonFrame>
  );
}
