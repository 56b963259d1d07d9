import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { UtcTime } from '../components/utc-time';
import { useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.publishedProgress');

/** Public: the reporting cycles whose registered progress has been published. */
export async function loader({ context }: LoaderFunctionArgs) {
  const cycles = await context.services.publication.publishedCycles();
  return {
    cycles: cycles.map((c) => ({
      id: c.id,
      name: c.name,
      publishedAt: c.publishedAt!.toISOString(),
      timeZone: c.timeZone,
    })),
  };
}

export default function Results() {
  const t = useT();
  const { cycles } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t('results.title')}</h1>
      <p>{t('results.intro')}</p>
      {cycles.length === 0 ? (
        <p className="muted">{t('results.none')}</p>
      ) : (
        <ul>
          {cycles.map((c) => (
            <li key={c.id}>
              <Link to={`/results/${c.id}`}>{c.name}</Link>{' '}
              <span className="muted">
                — {t('results.publishedOn')} <UtcTime value={c.publishedAt} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
