import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { UtcTime } from '../components/utc-time';
import { Field, FormMessage, SelectField, TextAreaField } from '../components/field';
import {
  errorsOf,
  Figures,
  formKey,
  OutcomeCorrectionForm,
  OutcomeDocumentForm,
  OutcomeDocuments,
  INITIATIVE_FORMS,
  INITIATIVE_STATUSES,
  InitiativeCheckboxes,
  InitiativeStatusBadge,
  ParticipantList,
  statusKey,
} from '../components/initiative-parts';
import type { MessageKey } from '../i18n';
import { notFoundResponse } from '../utils/auth.server';
import { readForm } from '../utils/form.server';
import { attachOutcomeDocument, initiativeReply, outcomeInput } from '../utils/initiative-actions.server';
import { isMultipart } from '../utils/upload.server';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'title.initiative', args.data?.story?.initiative.title ?? args.data?.record?.title);

/*
 * An initiative's page. Everybody reads its story once the Secretariat has published it, in the order it happened:
 * the need, the match and why it was proposed, the roundtable (its title and dates, never its messages), the
 * meetings held or scheduled in it (title and time), the outcomes, the funding every participant agreed to publish.
 * The Secretariat and the members of the participant organizations also see the record as it stands (unagreed
 * funding, outcomes waiting for agreement) and, for focal points, the forms to agree and to propose. Anyone else gets a 404 for an unpublished initiative.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = params.id ?? '';
  const [story, record] = await Promise.all([
    context.services.initiativesPublic.story(id),
    context.actor ? context.services.initiatives.get(context.actor, id) : Promise.resolve(null),
  ]);
  const own = record?.ok ? record.value : null;
  if (!story && !own) throw notFoundResponse('This initiative does not exist.');
  // The requests not to publish: the Secretariat's all, a participant's own organization's.
  const withholdings = own ? await context.services.initiativeWithholdings.list(context.actor, id) : [];
  return { story, record: own, withholdings, textLimits: context.services.initiatives.textLimits };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = context.actor ? { ...context.actor, ip: context.ip } : null;
  const id = params.id ?? '';
  if (isMultipart(request)) return attachOutcomeDocument(request, actor, context, id);
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  const s = context.services.initiatives;
  const target = String(form.get('target') ?? '');
  // The target is the form's to send: the services find it in this page's initiative only, or answer "not found".
  const scope = { initiativeId: id };
  const result =
    intent === 'agreeFunding'
      ? await s.agreeFunding(actor, target, scope)
      : intent === 'agreeOutcome'
        ? await s.agreeOutcome(actor, target, scope)
        : intent === 'proposeOutcome'
          ? await s.proposeOutcome(actor, id, outcomeInput(form))
          : intent === 'correctOutcome'
            ? await s.correctOutcome(actor, target, outcomeInput(form), scope)
            : intent === 'proposeUpdate'
              ? await s.proposeUpdate(actor, id, {
                  title: form.get('title') || undefined,
                  summary: form.get('summary') || undefined,
                  forms: form.getAll('forms').length ? form.getAll('forms') : undefined,
                  startsOn: form.get('startsOn'),
                  endsOn: form.get('endsOn'),
                  status: form.get('status'),
                  note: form.get('note') || undefined,
                })
              : intent === 'askWithholding'
                ? await context.services.initiativeWithholdings.ask(actor, id, {
                    part: String(form.get('part') ?? '').split(':')[0],
                    partId: String(form.get('part') ?? '').split(':')[1],
                    reason: form.get('reason'),
                  })
                : null;
  if (!result) throw new Response('Unknown action', { status: 400 });
  return initiativeReply(context.lang, result, intent, target, `ini.done.${intent}` as MessageKey);
}

export default function InitiativePage() {
  const t = useT();
  const lang = useLang();
  const { story, record, withholdings, textLimits: limits } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const head = story?.initiative ?? record!;
  const participants = story?.initiative.participants ?? record!.participants;
  const name = (o: { nameEn: string; nameEs: string }) => (lang === 'es' ? o.nameEs : o.nameEn) || o.nameEn;
  const orgName = (organizationId: string) => {
    const p = record?.participants.find((x) => x.organizationId === organizationId);
    return p ? name(p) : '';
  };
  const failed = (intent: string, target = '') =>
    result && !result.ok && result.intent === intent && result.target === target ? result : null;
  const focal = !!record?.viewer.focalPoint;
  return (
    <article className="initiative-page">
      <p>
        <Link to="/initiatives">{t('ini.back')}</Link>
      </p>
      <h1>{head.title}</h1>
      {result?.ok ? <FormMessage tone="success">{result.message}</FormMessage> : null}
      {!story ? <FormMessage tone="info">{t('ini.notPublic')}</FormMessage> : null}
      {record?.viewer.secretariat ? (
        <p>
          <Link to={`/admin/initiatives/${head.id}`}>{t('ini.manage.this')}</Link>
        </p>
      ) : null}
      <p>
        <InitiativeStatusBadge status={head.status} /> {head.forms.map((f) => t(formKey(f))).join(', ')}
        {head.startsOn ? ` · ${t('ini.period', { from: head.startsOn, to: head.endsOn ?? '…' })}` : ''}
      </p>
      {head.mandates.length ? <p className="muted">{t('ini.mandates', { list: head.mandates.join(', ') })}</p> : null}
      <div className="description">{head.summary}</div>
      <h2>{t('ini.participants')}</h2>
      <ParticipantList participants={participants} />

      {story ? (
        <section aria-labelledby="story-title">
          <h2 id="story-title">{t('ini.story.title')}</h2>
          <ol className="story">
            {story.requests.map((r) => (
              <li key={r.id}>
                <h3>{t('ini.story.need')}</h3>
                <p>
                  <Link to={`/cooperation/requests/${r.id}`}>{r.title}</Link> —{' '}
                  {name({ nameEn: r.organizationNameEn, nameEs: r.organizationNameEs })}
                  {r.publishedAt ? (
                    <>
                      {' '}
                      · <UtcTime value={r.publishedAt} />
                    </>
                  ) : null}
                </p>
                <div className="description">{r.description}</div>
              </li>
            ))}
            {story.matches.map((m) => (
              <li key={m.id}>
                <h3>{t('ini.story.match')}</h3>
                <p>
                  {t('ini.story.proposed')} <UtcTime value={m.proposedAt} />
                  {m.confirmedAt ? (
                    <>
                      {' '}
                      · {t('ini.story.confirmed')} <UtcTime value={m.confirmedAt} />
                    </>
                  ) : null}
                </p>
                {m.explanations.length ? (
                  <>
                    <p>{t('ini.story.why')}</p>
                    <ul>
                      {(lang === 'es' && m.explanationsEs ? m.explanationsEs : m.explanations).map((e) => (
                        <li key={e}>{e}</li>
                      ))}
                    </ul>
                  </>
                ) : null}
              </li>
            ))}
            {story.offers.map((o) => (
              <li key={o.id}>
                <h3>{t('ini.story.offer')}</h3>
                <p>
                  <Link to={`/cooperation/offers/${o.id}`}>{o.title}</Link> —{' '}
                  {name({ nameEn: o.organizationNameEn, nameEs: o.organizationNameEs })}
                </p>
              </li>
            ))}
            {story.roundtables.map((r) => (
              <li key={r.id}>
                <h3>{t('ini.story.roundtable')}</h3>
                <p>
                  {r.title} ({t(formKey(r.kind))}) · {t('ini.story.opened')} <UtcTime value={r.createdAt} />
                  {r.closedAt ? (
                    <>
                      {' '}
                      · {t('ini.story.closed')} <UtcTime value={r.closedAt} />
                    </>
                  ) : null}
                </p>
              </li>
            ))}
            {story.meetings.length ? (
              <li>
                <h3>{t('ini.story.meetings')}</h3>
                <ul className="meetings">
                  {story.meetings.map((m) => (
                    <li key={m.id} data-meeting={m.id}>
                      {m.title} · <UtcTime value={m.startsAt} /> ·{' '}
                      {t('ini.story.meeting.duration', { n: m.durationMinutes })} · {t(`ini.story.meeting.${m.status}`)}
                    </li>
                  ))}
                </ul>
              </li>
            ) : null}
            <li>
              <h3>{t('ini.story.outcomes')}</h3>
              {story.outcomes.length === 0 ? <p className="empty">{t('ini.story.noOutcomes')}</p> : null}
              {story.outcomes.map((o) => (
                <div key={o.id} className="outcome" data-outcome={o.id}>
                  <div className="description">{o.text}</div>
                  {o.startedOn ? (
                    <p className="muted">{t('ini.period', { from: o.startedOn, to: o.endedOn ?? '…' })}</p>
                  ) : null}
                  <Figures figures={o.figures} />
                  <OutcomeDocuments documents={o.documents} />
                  {o.version > 1 ? <p className="muted">{t('ini.outcome.version', { n: o.version })}</p> : null}
                </div>
              ))}
            </li>
            {story.funding.length ? (
              <li>
                <h3>{t('ini.story.funding')}</h3>
                <ul>
                  {story.funding.map((f) => (
                    <li key={`${f.source}-${f.amount}`}>
                      {f.source}: {Number(f.amount).toLocaleString(lang)} {f.currency}
                    </li>
                  ))}
                </ul>
              </li>
            ) : null}
          </ol>
        </section>
      ) : null}

      {record ? (
        <section aria-labelledby="record-title" className="card">
          <h2 id="record-title">{t('ini.record.title')}</h2>
          <p className="muted">{t('ini.record.intro')}</p>
          <h3>{t('ini.funding.title')}</h3>
          {record.funding.length === 0 ? <p className="empty">{t('ini.funding.none')}</p> : null}
          <ul>
            {record.funding.map((f) => {
              const mine = record.viewer.participantOrganizationId;
              const agreedByMe = f.agreements.some((a) => a.organizationId === mine);
              return (
                <li key={f.id} data-funding={f.id}>
                  {f.source}: {Number(f.amount).toLocaleString(lang)} {f.currency} —{' '}
                  {f.agreedByAll
                    ? t('ini.funding.agreedByAll')
                    : t('ini.funding.waiting', { agreed: f.agreements.length, total: record.participants.length })}
                  {f.agreements.length ? (
                    <span className="muted"> ({f.agreements.map((a) => orgName(a.organizationId)).join(', ')})</span>
                  ) : null}
                  {focal && mine && !agreedByMe ? (
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="target" value={f.id} />
                      <button type="submit" name="intent" value="agreeFunding">
                        {t('ini.funding.agree')}
                      </button>
                    </Form>
                  ) : null}
                  {failed('agreeFunding', f.id) ? (
                    <FormMessage tone="error">{failed('agreeFunding', f.id)!.message}</FormMessage>
                  ) : null}
                </li>
              );
            })}
          </ul>
          <h3>{t('ini.outcomes.title')}</h3>
          {record.outcomes.length === 0 ? <p className="empty">{t('ini.outcomes.none')}</p> : null}
          {record.outcomes.map((o) => {
            const mine = record.viewer.participantOrganizationId;
            return (
              <div key={o.id} className="outcome" data-outcome={o.id}>
                <p>
                  <span className={`badge outcome-${o.status}`}>
                    {t(`ini.outcomeStatus.${o.status}` as Parameters<typeof t>[0])}
                  </span>{' '}
                  {t('ini.outcome.version', { n: o.version })}
                  {o.superseded ? ` · ${t('ini.outcome.superseded')}` : ''}
                </p>
                <div className="description">{o.text}</div>
                <Figures figures={o.figures} />
                <OutcomeDocuments documents={o.documents} />
                {focal && o.status === 'proposed' ? (
                  <OutcomeDocumentForm
                    outcomeId={o.id}
                    failure={failed('document', o.id)}
                    titleMax={limits.documentTitle}
                  />
                ) : null}
                {focal && !o.superseded && o.status !== 'declined' ? (
                  <OutcomeCorrectionForm
                    outcome={o}
                    failure={failed('correctOutcome', o.id)}
                    textMax={limits.outcome}
                  />
                ) : null}
                <p className="muted">
                  {t('ini.outcome.agreedBy', {
                    list: o.agreements.map((a) => orgName(a.organizationId)).join(', ') || '—',
                  })}
                </p>
                {o.declinedReason ? (
                  <p className="muted">{t('ini.outcome.declinedReason', { reason: o.declinedReason })}</p>
                ) : null}
                {focal && mine && o.status === 'proposed' && !o.agreements.some((a) => a.organizationId === mine) ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="target" value={o.id} />
                    <button type="submit" name="intent" value="agreeOutcome">
                      {t('ini.outcome.agree')}
                    </button>
                  </Form>
                ) : null}
                {failed('agreeOutcome', o.id) ? (
                  <FormMessage tone="error">{failed('agreeOutcome', o.id)!.message}</FormMessage>
                ) : null}
              </div>
            );
          })}
          {focal ? (
            <>
              <h3>{t('ini.propose.outcomeTitle')}</h3>
              <Form method="post">
                {failed('proposeOutcome') ? (
                  <FormMessage tone="error">{failed('proposeOutcome')!.message}</FormMessage>
                ) : null}
                <TextAreaField
                  label={t('ini.field.outcomeText')}
                  name="text"
                  rows={4}
                  maxLength={limits.outcome}
                  errors={errorsOf(failed('proposeOutcome')?.fieldErrors, 'text')}
                />
                <Field
                  label={t('ini.field.startedOn')}
                  name="startedOn"
                  type="date"
                  errors={errorsOf(failed('proposeOutcome')?.fieldErrors, 'startedOn')}
                />
                <Field
                  label={t('ini.field.endedOn')}
                  name="endedOn"
                  type="date"
                  errors={errorsOf(failed('proposeOutcome')?.fieldErrors, 'endedOn')}
                />
                <TextAreaField
                  label={t('ini.field.figures')}
                  hint={t('ini.field.figuresHint')}
                  name="figures"
                  rows={3}
                  errors={errorsOf(failed('proposeOutcome')?.fieldErrors, 'figures')}
                />
                <button type="submit" name="intent" value="proposeOutcome">
                  {t('ini.propose.outcome')}
                </button>
              </Form>
              <h3>{t('ini.propose.updateTitle')}</h3>
              <p className="muted">{t('ini.propose.updateIntro')}</p>
              <Form method="post">
                {failed('proposeUpdate') ? (
                  <FormMessage tone="error">{failed('proposeUpdate')!.message}</FormMessage>
                ) : null}
                <Field
                  label={t('ini.field.title')}
                  name="title"
                  maxLength={limits.title}
                  errors={errorsOf(failed('proposeUpdate')?.fieldErrors, 'title')}
                />
                <TextAreaField
                  label={t('ini.field.summary')}
                  name="summary"
                  rows={3}
                  maxLength={limits.summary}
                  errors={errorsOf(failed('proposeUpdate')?.fieldErrors, 'summary')}
                />
                <InitiativeCheckboxes
                  legend={t('ini.field.forms')}
                  name="forms"
                  options={INITIATIVE_FORMS.map((f) => ({ value: f, label: t(formKey(f)) }))}
                  errors={errorsOf(failed('proposeUpdate')?.fieldErrors, 'forms')}
                />
                <Field
                  label={t('ini.field.startsOn')}
                  name="startsOn"
                  type="date"
                  errors={errorsOf(failed('proposeUpdate')?.fieldErrors, 'startsOn')}
                />
                <Field
                  label={t('ini.field.endsOn')}
                  name="endsOn"
                  type="date"
                  errors={errorsOf(failed('proposeUpdate')?.fieldErrors, 'endsOn')}
                />
                <SelectField
                  label={t('ini.field.status')}
                  name="status"
                  placeholder={t('ini.propose.noChange')}
                  options={INITIATIVE_STATUSES.map((s) => ({ value: s, label: t(statusKey(s)) }))}
                  errors={errorsOf(failed('proposeUpdate')?.fieldErrors, 'status')}
                />
                <TextAreaField label={t('ini.field.note')} name="note" rows={2} maxLength={limits.note} />
                <button type="submit" name="intent" value="proposeUpdate">
                  {t('ini.propose.update')}
                </button>
              </Form>
            </>
          ) : null}
          {focal ? (
            <WithholdingForm record={record} failure={failed('askWithholding')} reasonMax={limits.withholdingReason} />
          ) : null}
          {withholdings.length ? (
            <>
              <h3>{t('ini.withhold.list')}</h3>
              <ul>
                {withholdings.map((w) => (
                  <li key={w.id}>
                    {t(`ini.withhold.kind.${w.part}`)} · {t(`ini.withhold.status.${w.status}`)} ·{' '}
                    <UtcTime value={w.requestedAt} />
                    {w.decisionNote ? <span className="muted"> — {w.decisionNote}</span> : null}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
          {record.updates.length ? (
            <>
              <h3>{t('ini.updates.title')}</h3>
              <ul>
                {record.updates.map((u) => (
                  <li key={u.id}>
                    {t(`ini.updateStatus.${u.status}` as Parameters<typeof t>[0])} · <UtcTime value={u.proposedAt} /> ·{' '}
                    {Object.keys(u.changes)
                      .map((k) => t(`ini.field.${k}` as Parameters<typeof t>[0]))
                      .join(', ')}
                  </li>
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </article>
  );
}

type RecordView = NonNullable<ReturnType<typeof useLoaderData<typeof loader>>['record']>;

/** A participant's focal point asks that an outcome, a document or a funding record not be published. */
function WithholdingForm({
  record,
  failure,
  reasonMax,
}: {
  record: RecordView;
  /** The service's limit (initiatives.textLimits.withholdingReason). */
  reasonMax: number;
  failure: { message: string; fieldErrors: Record<string, string[]> } | null;
}) {
  const t = useT();
  const short = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}…` : text);
  const current = record.outcomes.filter((o) => !o.superseded && o.status !== 'declined');
  const options = [
    ...current.map((o) => ({
      value: `outcome:${o.seriesId}`,
      label: t('ini.withhold.outcome', { text: short(o.text) }),
    })),
    ...current.flatMap((o) =>
      o.documents.map((d) => ({
        value: `document:${d.id}`,
        label: t('ini.withhold.document', { title: d.title || d.fileName }),
      })),
    ),
    ...record.funding.map((f) => ({
      value: `funding:${f.id}`,
      label: t('ini.withhold.funding', { source: f.source }),
    })),
  ];
  return (
    <>
      <h3>{t('ini.withhold.title')}</h3>
      <p className="muted">{t('ini.withhold.intro')}</p>
      {options.length ? (
        <Form method="post">
          {failure ? <FormMessage tone="error">{failure.message}</FormMessage> : null}
          <SelectField
            label={t('ini.withhold.part')}
            name="part"
            placeholder={t('ini.withhold.choose')}
            options={options}
            errors={[
              ...(errorsOf(failure?.fieldErrors, 'part') ?? []),
              ...(errorsOf(failure?.fieldErrors, 'partId') ?? []),
            ]}
          />
          <TextAreaField
            label={t('ini.withhold.reason')}
            name="reason"
            rows={3}
            maxLength={reasonMax}
            errors={errorsOf(failure?.fieldErrors, 'reason')}
          />
          <button type="submit" name="intent" value="askWithholding">
            {t('ini.withhold.button')}
          </button>
        </Form>
      ) : (
        <p className="muted">{t('ini.withhold.none')}</p>
      )}
    </>
  );
}
