import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requestStatus, StatusBadge } from '../components/status-badge';
import { UtcTime } from '../components/utc-time';
import { forbiddenResponse, requireActor } from '../utils/auth.server';
import { translate } from '../i18n';
import { can } from '../../services/permissions';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.cooperation');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const { services } = context;
  const isState = can(actor, { action: 'request.draft', organizationId: actor.organizationId });
  const isJswg = actor.organizationKind === 'jswg';
  const isSecretariat = can(actor, { action: 'cooperation.broker' });
  if (!isState && !isJswg && !isSecretariat)
    throw forbiddenResponse(translate(context.lang, 'error.forbidden.cooperation'));
  // The Secretariat has no requests or offers of its own: it sees what is published (the brokering board has the rest).
  const [requests, offers] = isSecretariat
    ? await Promise.all([services.requests.listPublished(), services.offers.listPublished()])
    : await Promise.all([
        isState ? services.requests.listOwn(actor) : Promise.resolve([]),
        services.offers.listOwn(actor),
      ]);
  const slim = <
    T extends {
      id: string;
      title: string;
      mandates: number[];
      status: string;
      createdAt: Date;
      organizationNameEn: string;
      organizationNameEs: string;
    },
  >(
    item: T,
  ) => ({
    id: item.id,
    title: item.title,
    mandates: item.mandates,
    status: item.status,
    createdAt: item.createdAt,
    organizationNameEn: item.organizationNameEn,
    organizationNameEs: item.organizationNameEs,
  });
  return {
    mode: isSecretariat ? ('secretariat' as const) : isState ? ('state' as const) : ('jswg' as const),
    requests: requests.map((r) => ({ ...slim(r), status: requestStatus(r) })),
    offers: offers.map(slim),
    canCreateRequest: isState,
    canCreateOffer: isState || isJswg,
  };
}

type Item = ReturnType<typeof useLoaderData<typeof loader>>['requests'][number];

function ItemTable({
  items,
  kind,
  caption,
  showOrganization,
}: {
  items: Item[];
  kind: 'request' | 'offer';
  caption: string;
  showOrganization: boolean;
}) {
  const t = useT();
  const lang = useLang();
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('coop.field.title')}</th>
          {showOrganization ? <th scope="col">{t('field.organization')}</th> : null}
          <th scope="col">{t('coop.field.mandates')}</th>
          <th scope="col">{t('field.status')}</th>
          <th scope="col">{t('coop.created')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map((item) => (
          <tr key={item.id}>
            <td>
              <Link to={`/cooperation/${kind === 'request' ? 'requests' : 'offers'}/${item.id}`}>{item.title}</Link>
            </td>
            {showOrganization ? <td>{lang === 'es' ? item.organizationNameEs : item.organizationNameEn}</td> : null}
            <td>{item.mandates.join(', ')}</td>
            <td>
              <StatusBadge kind={kind} status={item.status} />
            </td>
            <td>
              <UtcTime value={item.createdAt} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default function Cooperation() {
  const t = useT();
  const { mode, requests, offers, canCreateRequest, canCreateOffer } = useLoaderData<typeof loader>();
  const showOrganization = mode === 'secretariat';
  return (
    <section>
      <h1>{t('coop.title')}</h1>
      <p className="lead">
        {t(
          mode === 'secretariat' ? 'coop.intro.secretariat' : mode === 'state' ? 'coop.intro.state' : 'coop.intro.jswg',
        )}
      </p>
      {mode === 'secretariat' ? (
        <p>
          <Link to="/admin/matching">{t('nav.brokering')}</Link>
        </p>
      ) : null}

      {mode !== 'jswg' ? (
        <section className="section-block" aria-labelledby="requests-heading">
          <h2 id="requests-heading">{t(mode === 'secretariat' ? 'coop.publishedRequests' : 'coop.myRequests')}</h2>
          {canCreateRequest ? (
            <p>
              <Link className="button" to="/cooperation/requests/new">
                {t('coop.newRequest')}
              </Link>
            </p>
          ) : null}
          {requests.length ? (
            <ItemTable
              items={requests}
              kind="request"
              caption={t('coop.myRequests')}
              showOrganization={showOrganization}
            />
          ) : (
            <p className="empty">{t('coop.noRequests')}</p>
          )}
        </section>
      ) : null}

      <section className="section-block" aria-labelledby="offers-heading">
        <h2 id="offers-heading">
          {t(
            mode === 'secretariat' ? 'coop.publishedOffers' : mode === 'state' ? 'coop.myPeerOffers' : 'coop.myOffers',
          )}
        </h2>
        {mode === 'state' ? <p className="muted">{t('coop.peerIntro')}</p> : null}
        {canCreateOffer ? (
          <p>
            <Link className="button" to="/cooperation/offers/new">
              {t(mode === 'state' ? 'coop.newPeerOffer' : 'coop.newOffer')}
            </Link>
          </p>
        ) : null}
        {offers.length ? (
          <ItemTable items={offers} kind="offer" caption={t('coop.myOffers')} showOrganization={showOrganization} />
        ) : (
          <p className="empty">{t('coop.noOffers')}</p>
        )}
      </section>
    </section>
  );
}
