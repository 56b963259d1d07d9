import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import type { MessageKey } from '../i18n';
import { requireActor, throwFailure } from '../utils/auth.server';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.practiceReview');

/* The consolidated base of one review round, for its participants: every State, and others when opened to them. */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const found = await context.services.practices.round(actor, params.roundId ?? '');
  if (!found.ok) throwFailure(found);
  const { round, open, practices } = found.value;
  return {
    round: { id: round.id, name: round.name, closesAt: round.closesAt.toISOString() },
    open,
    practices: practices.map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
      summary: p.texts.summary.slice(0, 300),
      organizationNameEn: p.organizationNameEn,
      organizationNameEs: p.organizationNameEs,
      mandates: p.mandates.map((m) => m.number),
      tags: p.tags,
    })),
  };
}

export default function ReviewRound() {
  const t = useT();
  const lang = useLang();
  const { round, open, practices } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t('pr.review.title', { name: round.name })}</h1>
      <p>{t('pr.review.intro')}</p>
      <p>
        <strong>
          {open
            ? t('pr.review.closes', { date: round.closesAt.slice(0, 16).replace('T', ' ') })
            : t('pr.review.closed')}
        </strong>
      </p>
      {practices.length === 0 ? (
        <p className="empty">{t('pr.review.empty')}</p>
      ) : (
        <ul className="practice-list">
          {practices.map((p) => (
            <li key={p.id}>
              <h2>
                <Link to={`/practices/${p.id}`}>{p.title}</Link>
              </h2>
              <p className="muted">
                {t('pr.by', { organization: lang === 'es' ? p.organizationNameEs : p.organizationNameEn })} ·{' '}
                {t(`pr.status.${p.status}` as MessageKey)} · {p.mandates.map((n) => t('pr.mandateN', { n })).join(', ')}
                {p.tags.length ? ` · ${p.tags.join(', ')}` : ''}
              </p>
              <p>{p.summary}</p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
