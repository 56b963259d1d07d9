import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useId } from 'react';
import { FormMessage } from '../components/field';
import { formatScore } from '../components/match-table';
import { StatusBadge } from '../components/status-badge';
import { UtcTime } from '../components/utc-time';
import type { MessageKey } from '../i18n';
import { translate } from '../i18n';
import { requireActor, throwFailure } from '../utils/auth.server';
import { useLang, useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { statusFor } from '../../services/outcome';
import { can } from '../../services/permissions';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.match');

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const { brokering, requests, offers } = context.services;
  const result = await brokering.get(actor, params.id ?? '');
  if (!result.ok) throwFailure(result);
  const match = result.value;
  const [req, offer, room] = await Promise.all([
    requests.get(actor, match.requestId),
    match.offerId ? offers.get(actor, match.offerId) : Promise.resolve(null),
    match.status === 'confirmed'
      ? context.services.roundtables.roomOfMatch(actor, match.id)
      : Promise.resolve({ exists: false as const }),
  ]);
  const side = match.viewerSide;
  const sideDecision =
    side === 'requester' ? match.requesterDecision : side === 'provider' ? match.providerDecision : null;
  return {
    match,
    request: req.ok ? req.value : null,
    offer: offer?.ok ? offer.value : null,
    canDecide:
      !!side &&
      can(actor, { action: 'match.decide', side, organizationId: actor.organizationId }) &&
      match.status === 'proposed' &&
      !sideDecision,
    canWithdraw: can(actor, { action: 'cooperation.broker' }) && match.status === 'proposed',
    room: room.exists ? room.room : null,
    // Someone a moderator removed from the room is told so, not that it does not exist yet.
    roomWithoutMe: room.exists && !room.room,
    canOpenRoom: can(actor, { action: 'roundtable.convene' }) && match.status === 'confirmed' && !room.exists,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  const reason = String(form.get('reason') ?? '');
  const id = params.id ?? '';
  const { brokering } = context.services;
  let result;
  if (intent === 'accept' || intent === 'decline') {
    result = await brokering.decide(actor, id, {
      decision: intent === 'accept' ? 'accepted' : 'declined',
      reason: reason.trim() ? reason : undefined,
    });
  } else if (intent === 'withdraw') {
    result = await brokering.withdraw(actor, id, reason);
  } else if (intent === 'open-room') {
    const opened = await context.services.roundtables.openRoomForMatch(actor, id);
    if (opened.ok) return redirect(`/roundtables/${opened.value.id}`);
    if (opened.kind === 'not_found') throwFailure(opened);
    return data(
      { intent, ok: false as const, reason: '', fieldErrors: undefined, message: opened.message },
      { status: statusFor(opened) },
    );
  } else {
    throw new Response('Unknown action', { status: 400 });
  }
  if (result.ok) {
    const key =
      intent === 'withdraw'
        ? 'coop.match.withdrawnDone'
        : result.value.status === 'confirmed'
          ? 'coop.match.confirmedDone'
          : intent === 'accept'
            ? 'coop.match.acceptedDone'
            : 'coop.match.declinedDone';
    return { intent, ok: true as const, reason: '', fieldErrors: undefined, message: translate(context.lang, key) };
  }
  if (result.kind === 'not_found') throwFailure(result);
  const fieldErrors = result.kind === 'invalid' ? result.fieldErrors : undefined;
  return data(
    {
      intent,
      ok: false as const,
      reason,
      fieldErrors,
      message: fieldErrors ? translate(context.lang, 'form.checkFields') : result.message,
    },
    { status: statusFor(result) },
  );
}

function ReasonField({
  label,
  hint,
  errors,
  defaultValue,
}: {
  label: string;
  hint: string;
  errors?: string[];
  defaultValue?: string;
}) {
  const id = useId();
  const describedBy = [`${id}-hint`, errors?.length ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <p id={`${id}-hint`} className="hint">
        {hint}
      </p>
      <textarea
        id={id}
        name="reason"
        rows={3}
        maxLength={2000}
        defaultValue={defaultValue}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy}
      />
      {errors?.length ? (
        <ul id={`${id}-error`} className="field-errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export default function MatchDetail() {
  const t = useT();
  const lang = useLang();
  const {
    match,
    request: req,
    offer,
    canDecide,
    canWithdraw,
    room,
    roomWithoutMe,
    canOpenRoom,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = result && !result.ok ? result : undefined;
  const decisionText = (decision: string | null) =>
    decision ? t(decision === 'accepted' ? 'coop.match.accepted' : 'coop.match.declined') : t('coop.match.pending');
  const explanation = match.explanation;
  // Matches proposed before the Spanish explanations existed have the English ones only: shown marked as English.
  const reasons =
    lang === 'es' && explanation?.explanationsEs
      ? { lang: 'es', lines: explanation.explanationsEs }
      : { lang: 'en', lines: explanation?.explanations ?? [] };
  const days =
    req?.publishedAt && match.confirmedAt
      ? Math.max(
          0,
          Math.round((new Date(match.confirmedAt).getTime() - new Date(req.publishedAt).getTime()) / 86_400_000),
        )
      : null;
  return (
    <section>
      <p>
        <Link to="/matches">{t('coop.match.back')}</Link>
      </p>
      <h1>{t('coop.match.title', { title: match.requestTitle })}</h1>
      <p data-testid="match-status">
        <StatusBadge kind="match" status={match.status} />
        {match.viewerSide ? (
          <span className="muted">
            {' '}
            · {t(match.viewerSide === 'requester' ? 'coop.match.youRequester' : 'coop.match.youProvider')}
          </span>
        ) : null}
      </p>
      {result ? <FormMessage tone={result.ok ? 'success' : 'error'}>{result.message}</FormMessage> : null}
      {match.status === 'confirmed' ? (
        <section className="card" aria-labelledby="room-heading">
          <h2 id="room-heading">{t('coop.match.roomHeading')}</h2>
          {room ? (
            <p>
              <Link to={`/roundtables/${room.id}`}>{t('coop.match.roomLink')}</Link>: {room.title}
            </p>
          ) : canOpenRoom ? (
            <Form method="post">
              <p>{t('coop.match.roomMissingSecretariat')}</p>
              <input type="hidden" name="intent" value="open-room" />
              <button type="submit">{t('coop.match.openRoom')}</button>
            </Form>
          ) : (
            <p className="muted">{t(roomWithoutMe ? 'coop.match.roomWithoutYou' : 'coop.match.roomMissing')}</p>
          )}
        </section>
      ) : null}

      <div className="match-sides">
        <section className="card" aria-labelledby="side-request">
          <h2 id="side-request">{t('coop.match.request')}</h2>
          <p>
            {req ? <Link to={`/cooperation/requests/${req.id}`}>{req.title}</Link> : match.requestTitle}{' '}
            <span className="muted">({match.requestOrganizationCode})</span>
          </p>
          {req ? (
            <>
              <p className="muted">
                {t('coop.field.mandates')}: {req.mandates.join(', ')} ·{' '}
                {req.types.map((type) => t(`coop.type.${type}`)).join('; ')}
              </p>
              <p className="description">{req.description}</p>
            </>
          ) : null}
        </section>
        <section className="card" aria-labelledby="side-provider">
          <h2 id="side-provider">{t(match.offerId ? 'coop.match.offer' : 'coop.match.peerState')}</h2>
          {offer ? (
            <>
              <p>
                <Link to={`/cooperation/offers/${offer.id}`}>{offer.title}</Link>{' '}
                <span className="muted">({lang === 'es' ? offer.organizationNameEs : offer.organizationNameEn})</span>
              </p>
              <p className="muted">
                {t('coop.field.mandates')}: {offer.mandates.join(', ')} ·{' '}
                {offer.types.map((type) => t(`coop.type.${type}`)).join('; ')}
              </p>
              <p className="description">{offer.description}</p>
            </>
          ) : (
            <p>
              {match.offerTitle ?? t('coop.match.peerState')}{' '}
              <span className="muted">({match.providerOrganizationCode})</span>
            </p>
          )}
        </section>
      </div>

      <section className="section-block" aria-labelledby="why-heading">
        <h2 id="why-heading">{t('coop.match.why')}</h2>
        <p>
          {t('coop.match.score')}: <strong>{formatScore(match.score)}</strong>
        </p>
        {reasons.lines.length ? (
          <ul lang={reasons.lang}>
            {reasons.lines.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        ) : (
          <p className="muted">{t('coop.match.noExplanation')}</p>
        )}
        {explanation?.contributions?.length ? (
          <table className="compact-table">
            <caption>{t('coop.board.contributions')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('coop.board.criterion')}</th>
                <th scope="col">{t('coop.board.contribution')}</th>
              </tr>
            </thead>
            <tbody>
              {explanation.contributions.map((c) => (
                <tr key={c.criterion}>
                  <td>{t(`coop.criterion.${c.criterion}` as MessageKey)}</td>
                  <td>{c.contribution.toFixed(3)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        {match.note ? (
          <p>
            {t('coop.match.note')}: {match.note}
          </p>
        ) : null}
      </section>

      <section className="section-block" aria-labelledby="steps-heading">
        <h2 id="steps-heading">{t('coop.match.steps')}</h2>
        <ol className="timeline">
          {req?.publishedAt ? (
            <li>
              {t('coop.match.step.requestPublished')}: <UtcTime value={req.publishedAt} />
            </li>
          ) : null}
          <li>
            {t('coop.match.step.proposed')}: <UtcTime value={match.proposedAt} />
          </li>
          <li>
            {t('coop.match.step.requester', { code: match.requestOrganizationCode })}:{' '}
            {decisionText(match.requesterDecision)}
            {match.requesterDecidedAt ? (
              <>
                {' '}
                · <UtcTime value={match.requesterDecidedAt} />
              </>
            ) : null}
            {match.requesterReason ? <q className="reason">{match.requesterReason}</q> : null}
          </li>
          <li>
            {t('coop.match.step.provider', { code: match.providerOrganizationCode })}:{' '}
            {decisionText(match.providerDecision)}
            {match.providerDecidedAt ? (
              <>
                {' '}
                · <UtcTime value={match.providerDecidedAt} />
              </>
            ) : null}
            {match.providerReason ? <q className="reason">{match.providerReason}</q> : null}
          </li>
          {match.confirmedAt ? (
            <li>
              {t('coop.match.step.confirmed')}: <UtcTime value={match.confirmedAt} />
              {days !== null ? <> · {t('coop.match.daysToMatch', { n: days })}</> : null}
            </li>
          ) : null}
          {match.withdrawnAt ? (
            <li>
              {t('coop.match.step.withdrawn')}: <UtcTime value={match.withdrawnAt} />
              {match.withdrawnReason ? <q className="reason">{match.withdrawnReason}</q> : null}
            </li>
          ) : null}
        </ol>
        <p className="muted">{t('coop.match.utcNote')}</p>
      </section>

      {canDecide ? (
        <section className="section-block" aria-labelledby="decide-heading">
          <h2 id="decide-heading">{t('coop.match.decide')}</h2>
          <Form method="post" noValidate>
            <ReasonField
              label={t('coop.match.reason')}
              hint={t('coop.match.reasonHint')}
              errors={failed?.intent !== 'withdraw' ? failed?.fieldErrors?.reason : undefined}
              defaultValue={failed?.intent !== 'withdraw' ? failed?.reason : undefined}
            />
            <div className="form-actions">
              <button type="submit" name="intent" value="accept">
                {t('coop.match.accept')}
              </button>
              <button type="submit" name="intent" value="decline" className="secondary">
                {t('coop.match.decline')}
              </button>
            </div>
          </Form>
        </section>
      ) : null}

      {canWithdraw ? (
        <section className="section-block" aria-labelledby="withdraw-heading">
          <h2 id="withdraw-heading">{t('coop.match.withdrawTitle')}</h2>
          <Form method="post" noValidate>
            <ReasonField
              label={t('coop.match.withdrawReason')}
              hint={t('coop.match.withdrawHint')}
              errors={failed?.intent === 'withdraw' ? failed.fieldErrors?.reason : undefined}
              defaultValue={failed?.intent === 'withdraw' ? failed.reason : undefined}
            />
            <button type="submit" name="intent" value="withdraw" className="secondary">
              {t('coop.match.withdraw')}
            </button>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
