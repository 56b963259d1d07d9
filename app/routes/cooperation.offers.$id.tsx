import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { FormMessage } from '../components/field';
import { AnswerLinkPanel } from '../components/answer-link-panel';
import { EditStoredItem, MissingFields, PublishWithdrawActions } from '../components/cooperation-form';
import { MatchTable } from '../components/match-table';
import { StatusBadge } from '../components/status-badge';
import { UtcTime } from '../components/utc-time';
import { requireActor, throwFailure } from '../utils/auth.server';
import { can } from '../../services/permissions';
import { changeLinkedItem } from '../utils/answer-link-actions.server';
import { mandateChoices } from '../utils/mandate-choices.server';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.cooperationOffer');

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // A published offer is public (docs/authorization.md, offer.view (published)): the directory and the public pages
  // link here. Anything else asks an anonymous reader to log in: only its organization and the Secretariat read it.
  const actor = context.actor ?? null;
  const result = await context.services.offers.get(actor, params.id ?? '');
  if (!result.ok) {
    if (!actor) requireActor(context, request);
    throwFailure(result);
  }
  const offer = result.value;
  const matches = !actor ? [] : (await context.services.brokering.list(actor)).filter((m) => m.offerId === offer.id);
  // The Q7 answer it was drafted from: for the offering organization only (decision 014).
  const link = await context.services.answerLinks.link(actor, 'offer', offer.id);
  const canPublishRole = can(actor, { action: 'offer.publish', organizationId: offer.organizationId });
  const canEditNow =
    can(actor, { action: 'offer.draft', organizationId: offer.organizationId }) && offer.status !== 'withdrawn';
  return {
    signedIn: !!actor,
    mandateSections: canEditNow ? await mandateChoices(context) : [],
    offer,
    matches,
    link,
    canDecide: canPublishRole,
    canPublishOwnText: canPublishRole && !!link?.withheld && offer.status === 'draft',
    canEdit: canEditNow,
    // From a withheld answer, publishing goes through the own-text form of the answer panel instead.
    canPublish: canPublishRole && offer.status === 'draft' && !link?.withheld,
    canWithdraw:
      can(actor, { action: 'offer.withdraw', organizationId: offer.organizationId }) && offer.status !== 'withdrawn',
  };
}

export const action = (args: ActionFunctionArgs) => changeLinkedItem('offer', args);

export default function OfferDetail() {
  const t = useT();
  const lang = useLang();
  const {
    signedIn,
    offer,
    matches,
    link,
    canDecide,
    canPublishOwnText,
    canEdit,
    canPublish,
    canWithdraw,
    mandateSections,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      {/* The public reads published offers from the directory; the cooperation page is for its members. */}
      <p>
        {signedIn ? <Link to="/cooperation">{t('coop.back')}</Link> : <Link to="/directory">{t('nav.directory')}</Link>}
      </p>
      <h1>{offer.title}</h1>
      <p>
        <StatusBadge kind="offer" status={offer.status} />
        <span className="muted">
          {' '}
          · {lang === 'es' ? offer.organizationNameEs : offer.organizationNameEn} ·{' '}
          {t(offer.kind === 'jswg' ? 'coop.offerKind.jswg' : 'coop.offerKind.peer_state')}
        </span>
      </p>
      {result && !(result.intent === 'save' && !result.ok) && !(result.intent === 'publish-own-text' && !result.ok) ? (
        <FormMessage tone={result.ok ? 'success' : 'error'}>
          {result.message}
          {!result.ok && result.intent === 'publish' ? <MissingFields fieldErrors={result.fieldErrors} /> : null}
        </FormMessage>
      ) : null}

      <dl className="facts">
        <dt>{t('coop.field.mandates')}</dt>
        <dd>{offer.mandates.join(', ') || t('coop.notGiven')}</dd>
        <dt>{t('coop.field.types')}</dt>
        <dd>{offer.types.map((type) => t(`coop.type.${type}`)).join('; ') || t('coop.notGiven')}</dd>
        <dt>{t('coop.field.languages')}</dt>
        <dd>{offer.languages.map((l) => t(`coop.lang.${l as 'en'}`)).join(', ') || t('coop.notGiven')}</dd>
        <dt>{t('coop.field.modality')}</dt>
        <dd>{offer.modality ? t(`coop.modality.${offer.modality}`) : t('coop.notGiven')}</dd>
        <dt>{t('coop.field.capacity')}</dt>
        <dd>{offer.capacity === null ? t('coop.notGiven') : t('coop.capacityValue', { n: offer.capacity })}</dd>
        <dt>{t('coop.field.funding')}</dt>
        <dd>{offer.funding || t('coop.notGiven')}</dd>
        <dt>{t('coop.field.validity')}</dt>
        <dd>
          {offer.validFrom || offer.validTo
            ? `${offer.validFrom ?? '…'} – ${offer.validTo ?? '…'}`
            : t('coop.notGiven')}
        </dd>
        <dt>{t('coop.created')}</dt>
        <dd>
          <UtcTime value={offer.createdAt} />
        </dd>
        <dt>{t('coop.publishedAt')}</dt>
        <dd>{offer.publishedAt ? <UtcTime value={offer.publishedAt} /> : t('coop.notPublished')}</dd>
      </dl>
      <h2>{t('coop.field.description')}</h2>
      <p className="description">{offer.description || t('coop.notGiven')}</p>

      {link ? (
        <AnswerLinkPanel
          link={link}
          current={offer}
          canDecide={canDecide}
          canPublishOwnText={canPublishOwnText}
          result={result}
        />
      ) : null}

      <PublishWithdrawActions
        canPublish={canPublish}
        canWithdraw={canWithdraw}
        withdrawLabel={t('coop.action.withdrawOffer')}
      />

      {/* Matches are the two sides' and the Secretariat's (match.view), never the public's. */}
      {signedIn ? (
        <section className="section-block" aria-labelledby="matches-heading">
          <h2 id="matches-heading">{t('coop.matchesOfOffer')}</h2>
          {matches.length ? (
            <MatchTable matches={matches} caption={t('coop.matchesOfOffer')} />
          ) : (
            <p className="empty">{t('coop.noMatchesYet')}</p>
          )}
        </section>
      ) : null}

      {canEdit ? (
        <EditStoredItem kind="offer" stored={offer} result={result} mandateSections={mandateSections} />
      ) : null}
    </section>
  );
}
