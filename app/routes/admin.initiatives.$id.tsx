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
  MANDATE_CHOICES,
  PARTICIPANT_ROLES,
  ParticipantList,
  roleKey,
  statusKey,
} from '../components/initiative-parts';
import type { MessageKey } from '../i18n';
import { requireActor, throwFailure } from '../utils/auth.server';
import { readForm } from '../utils/form.server';
import { attachOutcomeDocument, initiativeReply, outcomeInput } from '../utils/initiative-actions.server';
import { isMultipart } from '../utils/upload.server';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction<typeof loader> = (args) =>
  args.data?.record.title
    ? pageTitle(args, 'title.secretariatPage', { page: args.data.record.title })
    : pageTitle(args, 'title.initiativeSecretariat');

/*
 * The Secretariat manages one initiative: details, status (which moves the linked requests), publication,
 * participants, funding, outcomes (log, publish once every participant agreed, decline), and the participants'
 * proposed updates. Every action is the service's to allow; this page only offers the forms.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  // The service's refusal, already in the reader's language (a sentence written here would stay in English).
  const allowed = context.services.initiatives.mayManage(actor);
  if (!allowed.ok) throwFailure(allowed);
  const [record, organizations, withholdings] = await Promise.all([
    context.services.initiatives.get(actor, params.id ?? ''),
    context.services.initiatives.participantChoices(),
    context.services.initiativeWithholdings.list(actor, params.id ?? ''),
  ]);
  if (!record.ok) throwFailure(record);
  return { record: record.value, organizations, withholdings, textLimits: context.services.initiatives.textLimits };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const id = params.id ?? '';
  if (isMultipart(request)) return attachOutcomeDocument(request, actor, context, id);
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  const target = String(form.get('target') ?? '');
  // The target is the form's to send: the services find it in this page's initiative only, or answer "not found".
  const scope = { initiativeId: id };
  const s = context.services.initiatives;
  const run = async () => {
    switch (intent) {
      case 'update':
        return s.update(actor, id, {
          title: form.get('title'),
          summary: form.get('summary'),
          forms: form.getAll('forms'),
          startsOn: form.get('startsOn'),
          endsOn: form.get('endsOn'),
          mandates: form.getAll('mandates'),
        });
      case 'status':
        return s.setStatus(actor, id, form.get('status'));
      case 'publish':
        return s.setPublished(actor, id, true);
      case 'unpublish':
        return s.setPublished(actor, id, false);
      case 'participant':
        return s.addParticipant(actor, id, { organizationId: form.get('organizationId'), role: form.get('role') });
      case 'funding':
        return s.addFunding(actor, id, {
          source: form.get('source'),
          amount: form.get('amount'),
          currency: form.get('currency'),
        });
      case 'logOutcome':
        return s.logOutcome(actor, id, outcomeInput(form));
      case 'correctOutcome':
        return s.correctOutcome(actor, target, outcomeInput(form), scope);
      case 'publishOutcome':
        return s.publishOutcome(actor, target, scope);
      case 'declineOutcome':
        return s.declineOutcome(actor, target, form.get('reason'), scope);
      case 'acceptUpdate':
        return s.decideUpdate(actor, target, 'accept', scope);
      case 'declineUpdate':
        return s.decideUpdate(actor, target, 'decline', scope);
      case 'decideWithholding':
        return context.services.initiativeWithholdings.decide(
          actor,
          target,
          { decision: form.get('decision'), note: form.get('note') },
          scope,
        );
      default:
        return null;
    }
  };
  const result = await run();
  if (!result) throw new Response('Unknown action', { status: 400 });
  return initiativeReply(context.lang, result, intent, target, `ini.admin.done.${intent}` as MessageKey);
}

export default function AdminInitiative() {
  const t = useT();
  const lang = useLang();
  const { record, organizations, withholdings, textLimits: limits } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = (intent: string, target = '') =>
    result && !result.ok && result.intent === intent && result.target === target ? result : null;
  const orgName = (organizationId: string) => {
    const p = record.participants.find((x) => x.organizationId === organizationId);
    return p ? (lang === 'es' ? p.nameEs : p.nameEn) || p.nameEn : '';
  };
  const nextStatuses = INITIATIVE_STATUSES.filter((s) => s !== record.status);
  return (
    <section>
      <p>
        <Link to="/admin/initiatives">{t('ini.admin.back')}</Link> ·{' '}
        <Link to={`/initiatives/${record.id}`}>{t('ini.admin.view')}</Link>
      </p>
      <h1>{record.title}</h1>
      {result?.ok ? <FormMessage tone="success">{result.message}</FormMessage> : null}
      <p>
        <InitiativeStatusBadge status={record.status} />{' '}
        {record.publishedAt
          ? t('ini.admin.publishedOn', { date: new Date(record.publishedAt).toISOString().slice(0, 10) })
          : t('ini.admin.notPublished')}
      </p>

      <h2>{t('ini.admin.publication')}</h2>
      <Form method="post" className="inline-form">
        {record.publishedAt ? (
          <button type="submit" name="intent" value="unpublish" className="secondary">
            {t('ini.admin.unpublish')}
          </button>
        ) : (
          <button type="submit" name="intent" value="publish">
            {t('ini.admin.publish')}
          </button>
        )}
      </Form>
      {failed('publish') || failed('unpublish') ? (
        <FormMessage tone="error">{(failed('publish') ?? failed('unpublish'))!.message}</FormMessage>
      ) : null}

      <h2>{t('ini.field.status')}</h2>
      <p className="muted">{t('ini.admin.statusIntro')}</p>
      <Form method="post" className="inline-form">
        <SelectField
          label={t('ini.admin.newStatus')}
          name="status"
          options={nextStatuses.map((s) => ({ value: s, label: t(statusKey(s)) }))}
        />
        <button type="submit" name="intent" value="status">
          {t('ini.admin.changeStatus')}
        </button>
      </Form>
      {failed('status') ? <FormMessage tone="error">{failed('status')!.message}</FormMessage> : null}

      <h2>{t('ini.participants')}</h2>
      <ParticipantList participants={record.participants} />
      <Form method="post" className="inline-form">
        <SelectField
          label={t('ini.admin.addParticipant')}
          name="organizationId"
          options={organizations
            .filter((o) => !record.participants.some((p) => p.organizationId === o.id))
            .map((o) => ({ value: o.id, label: `${(lang === 'es' ? o.nameEs : o.nameEn) || o.nameEn} (${o.code})` }))}
        />
        <SelectField
          label={t('ini.admin.participantRole')}
          name="role"
          options={PARTICIPANT_ROLES.map((r) => ({ value: r, label: t(roleKey(r)) }))}
        />
        <button type="submit" name="intent" value="participant" className="secondary">
          {t('ini.admin.add')}
        </button>
      </Form>
      {failed('participant') ? <FormMessage tone="error">{failed('participant')!.message}</FormMessage> : null}

      <h2>{t('ini.funding.title')}</h2>
      <p className="muted">{t('ini.funding.intro')}</p>
      <ul>
        {record.funding.map((f) => (
          <li key={f.id} data-funding={f.id}>
            {f.source}: {Number(f.amount).toLocaleString(lang)} {f.currency} —{' '}
            {f.agreedByAll
              ? t('ini.funding.agreedByAll')
              : t('ini.funding.waiting', { agreed: f.agreements.length, total: record.participants.length })}
            {f.agreements.length ? (
              <span className="muted">
                {' '}
                (
                {f.agreements.map((a, i) => (
                  <span key={a.organizationId}>
                    {i ? ', ' : ''}
                    {orgName(a.organizationId)} <UtcTime value={a.agreedAt} />
                  </span>
                ))}
                )
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <Form method="post">
        {failed('funding') ? <FormMessage tone="error">{failed('funding')!.message}</FormMessage> : null}
        <Field
          label={t('ini.field.source')}
          name="source"
          maxLength={limits.fundingSource}
          errors={errorsOf(failed('funding')?.fieldErrors, 'source')}
        />
        <Field
          label={t('ini.field.amount')}
          name="amount"
          inputMode="decimal"
          errors={errorsOf(failed('funding')?.fieldErrors, 'amount')}
        />
        <Field
          label={t('ini.field.currency')}
          name="currency"
          maxLength={limits.currency}
          hint={t('ini.field.currencyHint')}
          errors={errorsOf(failed('funding')?.fieldErrors, 'currency')}
        />
        <button type="submit" name="intent" value="funding">
          {t('ini.admin.addFunding')}
        </button>
      </Form>

      <h2>{t('ini.outcomes.title')}</h2>
      {record.outcomes.length === 0 ? <p className="empty">{t('ini.outcomes.none')}</p> : null}
      {record.outcomes.map((o) => (
        <div key={o.id} className="card outcome" data-outcome={o.id}>
          <p>
            <span className={`badge outcome-${o.status}`}>{t(`ini.outcomeStatus.${o.status}` as MessageKey)}</span>{' '}
            {t('ini.outcome.version', { n: o.version })}
            {o.superseded ? ` · ${t('ini.outcome.superseded')}` : ''}
            {o.proposedByOrganizationId
              ? ` · ${t('ini.outcome.proposedBy', { organization: orgName(o.proposedByOrganizationId) })}`
              : ''}
          </p>
          <div className="description">{o.text}</div>
          <Figures figures={o.figures} />
          <OutcomeDocuments documents={o.documents} />
          {o.status === 'proposed' ? (
            <OutcomeDocumentForm outcomeId={o.id} failure={failed('document', o.id)} titleMax={limits.documentTitle} />
          ) : null}
          {!o.superseded && o.status !== 'declined' ? (
            <OutcomeCorrectionForm outcome={o} failure={failed('correctOutcome', o.id)} textMax={limits.outcome} />
          ) : null}
          <p className="muted">
            {t('ini.outcome.agreedBy', { list: o.agreements.map((a) => orgName(a.organizationId)).join(', ') || '—' })}
          </p>
          {o.status === 'agreed' ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="target" value={o.id} />
              <button type="submit" name="intent" value="publishOutcome">
                {t('ini.admin.publishOutcome')}
              </button>
            </Form>
          ) : null}
          {o.status === 'proposed' || o.status === 'agreed' ? (
            <Form method="post">
              <input type="hidden" name="target" value={o.id} />
              <TextAreaField
                label={t('ini.admin.declineReason')}
                name="reason"
                rows={2}
                maxLength={limits.note}
                errors={errorsOf(failed('declineOutcome', o.id)?.fieldErrors, 'reason')}
              />
              <button type="submit" name="intent" value="declineOutcome" className="secondary">
                {t('ini.admin.declineOutcome')}
              </button>
            </Form>
          ) : null}
          {failed('publishOutcome', o.id) || failed('declineOutcome', o.id) ? (
            <FormMessage tone="error">
              {(failed('publishOutcome', o.id) ?? failed('declineOutcome', o.id))!.message}
            </FormMessage>
          ) : null}
        </div>
      ))}
      <h3>{t('ini.admin.logOutcome')}</h3>
      <Form method="post">
        {failed('logOutcome') ? <FormMessage tone="error">{failed('logOutcome')!.message}</FormMessage> : null}
        <TextAreaField
          label={t('ini.field.outcomeText')}
          name="text"
          rows={4}
          maxLength={limits.outcome}
          errors={errorsOf(failed('logOutcome')?.fieldErrors, 'text')}
        />
        <Field
          label={t('ini.field.startedOn')}
          name="startedOn"
          type="date"
          errors={errorsOf(failed('logOutcome')?.fieldErrors, 'startedOn')}
        />
        <Field
          label={t('ini.field.endedOn')}
          name="endedOn"
          type="date"
          errors={errorsOf(failed('logOutcome')?.fieldErrors, 'endedOn')}
        />
        <TextAreaField
          label={t('ini.field.figures')}
          hint={t('ini.field.figuresHint')}
          name="figures"
          rows={3}
          errors={errorsOf(failed('logOutcome')?.fieldErrors, 'figures')}
        />
        <button type="submit" name="intent" value="logOutcome">
          {t('ini.admin.logOutcomeButton')}
        </button>
      </Form>

      <h2>{t('ini.withhold.list')}</h2>
      {withholdings.length === 0 ? <p className="empty">{t('ini.withhold.none')}</p> : null}
      {withholdings.map((w) => (
        <div key={w.id} className="card" data-withholding={w.id}>
          <p>
            {orgName(w.organizationId)} · {t(`ini.withhold.kind.${w.part}`)} · <UtcTime value={w.requestedAt} /> ·{' '}
            {t(`ini.withhold.status.${w.status}`)}
          </p>
          <p>{w.reason}</p>
          {w.decisionNote ? <p className="muted">{w.decisionNote}</p> : null}
          {w.status === 'pending' ? (
            <Form method="post">
              <input type="hidden" name="target" value={w.id} />
              <TextAreaField label={t('ini.withhold.note')} name="note" rows={2} maxLength={limits.withholdingReason} />
              <input type="hidden" name="intent" value="decideWithholding" />
              <button type="submit" name="decision" value="grant">
                {t('ini.withhold.grant')}
              </button>
              <button type="submit" name="decision" value="refuse" className="secondary">
                {t('ini.withhold.refuse')}
              </button>
            </Form>
          ) : null}
          {failed('decideWithholding', w.id) ? (
            <FormMessage tone="error">{failed('decideWithholding', w.id)!.message}</FormMessage>
          ) : null}
        </div>
      ))}

      <h2>{t('ini.updates.title')}</h2>
      {record.updates.length === 0 ? <p className="empty">{t('ini.updates.none')}</p> : null}
      {record.updates.map((u) => (
        <div key={u.id} className="card" data-update={u.id}>
          <p>
            {orgName(u.organizationId)} · <UtcTime value={u.proposedAt} /> ·{' '}
            {t(`ini.updateStatus.${u.status}` as MessageKey)}
          </p>
          <dl>
            {Object.entries(u.changes).map(([k, v]) => (
              <div key={k}>
                <dt>{t(`ini.field.${k}` as MessageKey)}</dt>
                <dd>
                  {k === 'status'
                    ? t(statusKey(String(v)))
                    : k === 'forms'
                      ? (v as string[]).map((f) => t(formKey(f))).join(', ')
                      : String(v)}
                </dd>
              </div>
            ))}
          </dl>
          {u.note ? <p className="muted">{u.note}</p> : null}
          {u.status === 'pending' ? (
            <Form method="post" className="inline-form">
              <input type="hidden" name="target" value={u.id} />
              <button type="submit" name="intent" value="acceptUpdate">
                {t('ini.admin.acceptUpdate')}
              </button>
              <button type="submit" name="intent" value="declineUpdate" className="secondary">
                {t('ini.admin.declineUpdate')}
              </button>
            </Form>
          ) : null}
          {failed('acceptUpdate', u.id) || failed('declineUpdate', u.id) ? (
            <FormMessage tone="error">
              {(failed('acceptUpdate', u.id) ?? failed('declineUpdate', u.id))!.message}
            </FormMessage>
          ) : null}
        </div>
      ))}

      <h2>{t('ini.admin.details')}</h2>
      <Form method="post">
        {failed('update') ? <FormMessage tone="error">{failed('update')!.message}</FormMessage> : null}
        <Field
          label={t('ini.field.title')}
          name="title"
          defaultValue={record.title}
          required
          maxLength={limits.title}
          errors={errorsOf(failed('update')?.fieldErrors, 'title')}
        />
        <TextAreaField
          label={t('ini.field.summary')}
          name="summary"
          defaultValue={record.summary}
          required
          rows={4}
          maxLength={limits.summary}
          errors={errorsOf(failed('update')?.fieldErrors, 'summary')}
        />
        <InitiativeCheckboxes
          legend={t('ini.field.forms')}
          name="forms"
          selected={record.forms}
          options={INITIATIVE_FORMS.map((f) => ({ value: f, label: t(formKey(f)) }))}
          errors={errorsOf(failed('update')?.fieldErrors, 'forms')}
        />
        <Field
          label={t('ini.field.startsOn')}
          name="startsOn"
          type="date"
          defaultValue={record.startsOn ?? ''}
          errors={errorsOf(failed('update')?.fieldErrors, 'startsOn')}
        />
        <Field
          label={t('ini.field.endsOn')}
          name="endsOn"
          type="date"
          defaultValue={record.endsOn ?? ''}
          errors={errorsOf(failed('update')?.fieldErrors, 'endsOn')}
        />
        <InitiativeCheckboxes
          legend={t('ini.field.mandates')}
          name="mandates"
          selected={record.mandates.map(String)}
          options={MANDATE_CHOICES.map((n) => ({ value: String(n), label: String(n) }))}
          errors={errorsOf(failed('update')?.fieldErrors, 'mandates')}
        />
        <button type="submit" name="intent" value="update">
          {t('ini.admin.save')}
        </button>
      </Form>
    </section>
  );
}
