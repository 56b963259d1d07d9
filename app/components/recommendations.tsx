import { Link } from '@remix-run/react';
import { useId } from 'react';
import type { MessageKey } from '../i18n';
import type { PublicRecommendation } from '../../services/recommendations/recommendations.server';
import { useLang, useT } from '../utils/i18n';

/** Dates travel as strings through the loader's JSON. */
type Published = Omit<PublicRecommendation, 'publishedAt'> & { publishedAt: string | Date };

/** A day in UTC (YYYY-MM-DD), the same for every reader: publication is a date, not a moment. */
export const utcDay = (value: string | Date) => new Date(value).toISOString().slice(0, 10);

/** One published recommendation: title, what it is about, its text as written (in its language), who and when. */
export function PublishedRecommendation({
  recommendation: r,
  headingLevel = 3,
}: {
  recommendation: Published;
  headingLevel?: 2 | 3 | 4;
}) {
  const t = useT();
  const lang = useLang();
  const Heading = `h${headingLevel}` as const;
  const organization = (lang === 'es' ? r.organizationNameEs : r.organizationNameEn) || r.organizationNameEn;
  const parts: React.ReactNode[] = [];
  if (r.mandate !== null)
    parts.push(
      r.commitmentCode ? (
        <Link key="m" to={`/mandates/${r.commitmentCode}/${r.mandate}`}>
          {t('rec.target.mandate', { n: r.mandate })}
        </Link>
      ) : (
        t('rec.target.mandate', { n: r.mandate })
      ),
    );
  if (r.cycleName) parts.push(t('rec.target.cycle', { cycle: r.cycleName }));
  parts.push(t('rec.writtenIn', { language: t(`rec.lang.${r.language}` as MessageKey) }));
  return (
    <article className="card recommendation" data-recommendation={r.id}>
      <Heading lang={r.language}>{r.title}</Heading>
      <p className="muted">
        {parts.map((part, i) => (
          <span key={i}>
            {i > 0 ? ' · ' : null}
            {part}
          </span>
        ))}
      </p>
      <div className="description" lang={r.language}>
        {r.text}
      </div>
      <p className="muted">{t('rec.meta', { organization, date: utcDay(r.publishedAt) })}</p>
    </article>
  );
}

/**
 * The section of a mandate's public page: the recommendations published on it, newest first, or an empty state.
 * A link to submit one only for a civil-society member (the service decides anyway).
 */
export function MandateRecommendations({
  recommendations,
  commitmentCode,
  mandate,
  canRecommend,
}: {
  recommendations: Published[];
  commitmentCode: string;
  mandate: number;
  canRecommend: boolean;
}) {
  const t = useT();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="mandate-recommendations">
      <h3 id={headingId}>{t('rec.mandate.title')}</h3>
      <p className="muted">{t('rec.mandate.note')}</p>
      {recommendations.length === 0 ? (
        <p className="empty">{t('rec.mandate.empty')}</p>
      ) : (
        recommendations.map((r) => <PublishedRecommendation key={r.id} recommendation={r} headingLevel={4} />)
      )}
      <p>
        <Link to="/recommendations">{t('rec.mandate.all')}</Link>
        {canRecommend ? (
          <>
            {' · '}
            <Link to={`/recommendations/new?commitment=${encodeURIComponent(commitmentCode)}&mandate=${mandate}`}>
              {t('rec.mandate.submit')}
            </Link>
          </>
        ) : null}
      </p>
    </section>
  );
}
