import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { can } from '../../services/permissions';
import { useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.challengesReports');

/* The published reports on challenges, one per reporting cycle; the Secretariat also reaches the cycles to prepare. */
export async function loader({ context }: LoaderFunctionArgs) {
  const reports = await context.services.challenges.publishedReports();
  const isSecretariat = can(context.actor, { action: 'challenges_report.prepare' });
  const cycles = isSecretariat ? await context.services.publication.publishedCycles() : [];
  return {
    reports: reports.map((r) => ({
      cycleId: r.cycleId,
      name: r.name,
      publishedAt: r.publishedAt?.toISOString().slice(0, 10) ?? '',
    })),
    cycles: cycles.map((c) => ({ id: c.id, name: c.name })),
  };
}

export default function ChallengeReports() {
  const t = useT();
  const { reports, cycles } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t('ch.list.title')}</h1>
      <p>{t('ch.list.intro')}</p>
      {reports.length === 0 ? (
        <p className="empty">{t('ch.list.empty')}</p>
      ) : (
        <ul>
          {reports.map((r) => (
            <li key={r.cycleId}>
              <Link to={`/practices/challenges/${r.cycleId}`}>{t('ch.cycle', { cycle: r.name })}</Link> —{' '}
              {t('ch.published', { date: r.publishedAt })}
            </li>
          ))}
        </ul>
      )}
      {cycles.length ? (
        <>
          <h2>{t('ch.list.prepare')}</h2>
          <ul>
            {cycles.map((c) => (
              <li key={c.id}>
                <Link to={`/practices/challenges/${c.id}`}>{t('ch.list.prepareFor', { cycle: c.name })}</Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
