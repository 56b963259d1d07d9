import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useActionData, useLoaderData } from '@remix-run/react';
import { FormMessage } from '../components/field';
import { AnswerLinkPanel } from '../components/answer-link-panel';
import { EditStoredItem, MissingFields, PublishWithdrawActions } from '../components/cooperation-form';
import { MatchTable } from '../components/match-table';
import { requestStatus, StatusBadge } from '../components/status-badge';
import { UtcTime } from '../components/utc-time';
import { requireActor, throwFailure } from '../utils/auth.server';
import { can } from '../../services/permissions';
import { changeLinkedItem } from '../utils/answer-link-actions.server';
import { mandateChoices } from '../utils/mandate-choices.server';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.assistanceRequest');

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // A published request is public (docs/authorization.md, request.view (published)): the public pages (a practice,
  // an initiative, the report on challenges) link here. Anything else asks an anonymous reader to log in: only its organization and the Secretariat read it.
  const actor = context.actor ?? null;
  const result = await context.services.requests.get(actor, params.id ?? '');
  if (!result.ok) {
    if (!actor) requireActor(context, request);
    throwFailure(result);
  }
  const item = result.value;
  const matches = !actor ? [] : (await context.services.brokering.list(actor)).filter((m) => m.requestId === item.id);
  // The answer it was drafted from: for the State's own members only (decision 014).
  const link = await context.services.answerLinks.link(actor, 'request', item.id);
  const canPublishRole = can(actor, { action: 'request.publish', organizationId: item.organizationId });
  const canEditNow =
    can(actor, { action: 'request.draft', organizationId: item.organizationId }) && item.status === 'open';
  return {
    signedIn: !!actor,
    mandateSections: canEditNow ? await mandateChoices(context) : [],
    request: item,
    matches,
    link,
    canDecide: canPublishRole,
    canPublishOwnText: canPublishRole && !!link?.withheld && !item.publishedAt && item.status !== 'withdrawn',
    canEdit: canEditNow,
    // From a withheld answer, publishing goes through the own-text form of the answer panel instead.
    canPublish: canPublishRole && !item.publishedAt && item.status !== 'withdrawn' && !link?.withheld,
    canWithdraw:
      can(actor, { action: 'request.withdraw', organizationId: item.organizationId }) &&
      item.status !== 'withdrawn' &&
      item.status !== 'fulfilled',
    isSecretariat: can(actor, { action: 'cooperation.broker' }),
  };
}

export const action = (args: ActionFunctionArgs) => changeLinkedItem('request', args);

export default function RequestDetail() {
  const t = useT();
  const lang = useLang();
  const {
    signedIn,
    request: item,
    matches,
    link,
    canDecide,
    canPublishOwnText,
    canEdit,
    canPublish,
    canWithdraw,
    isSecretariat,
    mandateSections,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      {signedIn ? (
        <p>
          <Link to="/cooperation">{t('coop.back')}</Link>
        </p>
      ) : null}
      <h1>{item.title}</h1>
      <p>
        <StatusBadge kind="request" status={requestStatus(item)} />
        <span className="muted"> · {lang === 'es' ? item.organizationNameEs : item.organizationNameEn}</span>
      </p>
      {result && !(result.intent === 'save' && !result.ok) && !(result.intent === 'publish-own-text' && !result.ok) ? (
        <FormMessage tone={result.ok ? 'success' : 'error'}>
          {result.message}
          {!result.ok && result.intent === 'publish' ? <MissingFields fieldErrors={result.fieldErrors} /> : null}
        </FormMessage>
      ) : null}

      <dl className="facts">
        <dt>{t('coop.field.mandates')}</dt>
        <dd>{item.mandates.join(', ') || t('coop.notGiven')}</dd>
        <dt>{t('coop.field.types')}</dt>
        <dd>{item.types.map((type) => t(`coop.type.${type}`)).join('; ') || t('coop.notGiven')}</dd>
        <dt>{t('coop.field.languages')}</dt>
        <dd>{item.languages.map((l) => t(`coop.lang.${l as 'en'}`)).join(', ') || t('coop.notGiven')}</dd>
        <dt>{t('coop.field.modality')}</dt>
        <dd>{item.modality ? t(`coop.modality.${item.modality}`) : t('coop.notGiven')}</dd>
        <dt>{t('coop.field.period')}</dt>
        <dd>
          {item.neededFrom || item.neededTo
            ? `${item.neededFrom ?? '…'} – ${item.neededTo ?? '…'}`
            : t('coop.notGiven')}
        </dd>
        <dt>{t('coop.created')}</dt>
        <dd>
          <UtcTime value={item.createdAt} />
        </dd>
        <dt>{t('coop.publishedAt')}</dt>
        <dd>{item.publishedAt ? <UtcTime value={item.publishedAt} /> : t('coop.notPublished')}</dd>
        {item.matchedAt ? (
          <>
            <dt>{t('coop.matchedAt')}</dt>
            <dd>
              <UtcTime value={item.matchedAt} />
            </dd>
          </>
        ) : null}
        {item.withdrawnAt ? (
          <>
            <dt>{t('coop.withdrawnAt')}</dt>
            <dd>
              <UtcTime value={item.withdrawnAt} />
            </dd>
          </>
        ) : null}
      </dl>
      <h2>{t('coop.field.description')}</h2>
      <p className="description">{item.description || t('coop.notGiven')}</p>

      {link ? (
        <AnswerLinkPanel
          link={link}
          current={item}
          canDecide={canDecide}
          canPublishOwnText={canPublishOwnText}
          result={result}
        />
      ) : null}

      <PublishWithdrawActions
        canPublish={canPublish}
        canWithdraw={canWithdraw}
        withdrawLabel={t('coop.action.withdrawRequest')}
      />

      {/* Matches are the two sides' and the Secretariat's (match.view), never the public's. */}
      {signedIn ? (
        <section className="section-block" aria-labelledby="matches-heading">
          <h2 id="matches-heading">{t('coop.matchesOfRequest')}</h2>
          {matches.length ? (
            <MatchTable matches={matches} caption={t('coop.matchesOfRequest')} />
          ) : (
            <p className="empty">{t('coop.noMatchesYet')}</p>
          )}
          {isSecretariat && item.publishedAt ? (
            <p>
              <Link to={`/admin/matching#request-${item.id}`}>{t('coop.seeCandidates')}</Link>
            </p>
          ) : null}
        </section>
      ) : null}

      {canEdit ? (
        <EditStoredItem kind="request" stored={item} result={result} mandateSections={mandateSections} />
      ) : null}
    </section>
  );
}
