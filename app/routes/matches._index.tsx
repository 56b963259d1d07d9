import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { MatchTable } from '../components/match-table';
import { can } from '../../services/permissions';
import { requireActor } from '../utils/auth.server';
import { useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.matches');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  // The service scopes the list: the viewer's organization's matches, every match for the Secretariat.
  const matches = await context.services.brokering.list(actor);
  return { matches, all: can(actor, { action: 'cooperation.broker' }) };
}

export default function Matches() {
  const t = useT();
  const { matches, all } = useLoaderData<typeof loader>();
  return (
    <section>
      <h1>{t('nav.matches')}</h1>
      <p className="lead">{t(all ? 'coop.matches.introAll' : 'coop.matches.introOwn')}</p>
      {matches.length ? (
        <MatchTable matches={matches} caption={t('nav.matches')} />
      ) : (
        <p className="empty">{t('coop.matches.empty')}</p>
      )}
    </section>
  );
}
