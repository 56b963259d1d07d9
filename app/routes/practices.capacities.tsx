import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.goodPracticesAndCapacities');

/*
 * "The database of good practices and regional capacities" (Mechanism, Phase 2): per mandate, the published good
 * practices beside the published cooperation offers. Both lists are the public reads (withheld content left out).
 */
export async function loader({ context }: LoaderFunctionArgs) {
  const [practices, offers] = await Promise.all([
    context.services.practices.publishedAll(),
    context.services.offers.listPublished(),
  ]);
  const byMandate = new Map<
    number,
    {
      practices: Array<{ id: string; title: string; en: string; es: string }>;
      offers: Array<{ id: string; title: string; en: string; es: string }>;
    }
  >();
  const slot = (n: number) => byMandate.get(n) ?? byMandate.set(n, { practices: [], offers: [] }).get(n)!;
  for (const p of practices)
    for (const m of p.mandates)
      slot(m.number).practices.push({ id: p.id, title: p.title, en: p.organizationNameEn, es: p.organizationNameEs });
  for (const o of offers)
    for (const n of o.mandates)
      slot(n).offers.push({ id: o.id, title: o.title, en: o.organizationNameEn, es: o.organizationNameEs });
  return { mandates: [...byMandate].sort(([a], [b]) => a - b).map(([number, lists]) => ({ number, ...lists })) };
}

export default function RegionalCapacities() {
  const t = useT();
  const lang = useLang();
  const { mandates } = useLoaderData<typeof loader>();
  const list = (items: Array<{ id: string; title: string; en: string; es: string }>, path: string) =>
    items.length === 0 ? (
      <p className="empty">{t('pr.cap.none')}</p>
    ) : (
      <ul>
        {items.map((i) => (
          <li key={i.id}>
            <Link to={`${path}/${i.id}`}>{i.title}</Link> — {lang === 'es' ? i.es : i.en}
          </li>
        ))}
      </ul>
    );
  return (
    <section>
      <p>
        <Link to="/practices">← {t('pr.public.title')}</Link>
      </p>
      <h1>{t('pr.cap.title')}</h1>
      <p>{t('pr.cap.intro')}</p>
      {mandates.length === 0 ? <p className="empty">{t('pr.cap.empty')}</p> : null}
      {mandates.map((m) => (
        <section key={m.number} aria-labelledby={`mandate-${m.number}`}>
          <h2 id={`mandate-${m.number}`}>{t('pr.mandateN', { n: m.number })}</h2>
          <div className="side-by-side">
            <div>
              <h3>{t('pr.cap.practices')}</h3>
              {list(m.practices, '/practices')}
            </div>
            <div>
              <h3>{t('pr.cap.offers')}</h3>
              {list(m.offers, '/cooperation/offers')}
            </div>
          </div>
        </section>
      ))}
    </section>
  );
}
