import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useId } from 'react';
import { FormMessage, TextAreaField } from '../components/field';
import { ProgressBar } from '../components/progress-bar';
import type { MessageKey } from '../i18n';
import { translate } from '../i18n';
import { notFoundResponse, requireActor, throwFailure } from '../utils/auth.server';
import { useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.questionnaireSecretariat');

/*
 * The Secretariat opens one organization's questionnaire from the status board, read-only: completeness per
 * mandate as counts (never a score), every answer with its history, the non-disclosure requests that affect it,
 * the civil-society contributions in numbers, and the reopening of a submitted questionnaire. Reading never creates
 * a questionnaire for an organization that has not started (registration.questionnaireIfStarted).
 */

async function organizationOf(context: LoaderFunctionArgs['context'], request: Request, cycleId: string, code: string) {
  const actor = requireActor(context, request);
  // The status board authorizes (Secretariat only) and names the organizations that answer the questionnaire.
  const board = await context.services.registration.statusBoard(actor, cycleId);
  if (!board.ok) throwFailure(board);
  const row = board.value.find((o) => o.code === code);
  if (!row) throw notFoundResponse('This organization does not answer the questionnaire.');
  return { actor, row };
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const cycleId = params.cycleId ?? '';
  const { actor, row } = await organizationOf(context, request, cycleId, params.org ?? '');
  const { registration, publication, contributions } = context.services;
  const view = await registration.questionnaireIfStarted(actor, cycleId, row.organizationId);
  if (!view.ok) throwFailure(view);
  const { cycle, questionnaire, answers, completeness, started } = view.value;
  const requests = await publication.listRequests(actor, cycleId);
  if (!requests.ok) throwFailure(requests);
  const summary = await contributions.summaryForSecretariat(actor, questionnaire?.id ?? null);
  if (!summary.ok) throwFailure(summary);
  const mandateNumberById = new Map(answers.map((a) => [a.mandateId, a.mandate]));
  const lang = context.lang;
  return {
    cycle: { id: cycle.id, name: cycle.name },
    organization: { code: row.code, name: (lang === 'es' ? row.nameEs : row.nameEn) || row.nameEn, status: row.status },
    started,
    questionnaire: questionnaire
      ? {
          status: questionnaire.status,
          reopenedAt: questionnaire.reopenedAt,
          reopenReason: questionnaire.reopenReason,
          civilSocietyContributed: questionnaire.civilSocietyContributed,
        }
      : null,
    completeness,
    answers: answers.map((a) => ({
      id: a.id,
      mandate: a.mandate,
      indicatorCode: a.indicatorCode,
      question: a.question,
      progress: a.progress,
      summary: a.summary,
      version: a.version,
    })),
    disclosure: requests.value
      .filter((r) => r.organizationCode === row.code)
      .map((r) => ({
        id: r.id,
        scope: r.scope,
        mandate: r.mandateId ? (mandateNumberById.get(r.mandateId) ?? null) : null,
        question: r.question,
        field: r.field,
        letterReference: r.letterReference,
        decision: r.decision,
      })),
    contributions: {
      counts: summary.value.counts,
      invitations: summary.value.invitations.map((i) => ({
        name: (lang === 'es' ? i.nameEs : i.nameEn) || i.nameEn,
        revoked: !!i.revokedAt,
      })),
    },
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const cycleId = params.cycleId ?? '';
  const { actor, row } = await organizationOf(context, request, cycleId, params.org ?? '');
  const form = await readForm(request);
  if (form.get('intent') !== 'reopen') throw new Response('Unknown action', { status: 400 });
  const reason = form.get('reason');
  if (!row.questionnaireId) throw notFoundResponse('This organization has not started its questionnaire.');
  const result = await context.services.registration.reopen(
    actor,
    row.questionnaireId,
    typeof reason === 'string' ? reason : '',
  );
  const name = (context.lang === 'es' ? row.nameEs : row.nameEn) || row.nameEn;
  if (result.ok)
    return {
      ok: true as const,
      message: translate(context.lang, 'q.board.reopened', { name }),
      errors: [] as string[],
    };
  if (result.kind === 'not_found' || result.kind === 'forbidden') throwFailure(result);
  return data(
    {
      ok: false as const,
      message: result.message,
      errors: result.kind === 'invalid' ? (result.fieldErrors?.reason ?? [result.message]) : [result.message],
    },
    { status: 400 },
  );
}

export default function OrganizationQuestionnaire() {
  const t = useT();
  const id = useId();
  const { cycle, organization, started, questionnaire, completeness, answers, disclosure, contributions } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const byMandate = new Map<number, typeof answers>();
  for (const a of answers) byMandate.set(a.mandate, [...(byMandate.get(a.mandate) ?? []), a]);
  const q = (code: string) => t(`q.short.${code}` as MessageKey);
  return (
    <section>
      <p>
        <Link to={`/admin/cycles/${cycle.id}`}>{t('cs.admin.back')}</Link>
      </p>
      <h1>{t('cs.admin.title', { org: organization.name, cycle: cycle.name })}</h1>
      <p>
        <span className={`badge status status-${organization.status}`} data-testid="questionnaire-status">
          {t(`q.status.${organization.status}`)}
        </span>
      </p>
      <p>{t('cs.admin.intro')}</p>
      {result ? <FormMessage tone={result.ok ? 'success' : 'error'}>{result.message}</FormMessage> : null}
      {!started ? <FormMessage tone="info">{t('cs.admin.notStarted')}</FormMessage> : null}
      {questionnaire?.reopenedAt && questionnaire.status !== 'submitted' ? (
        <p className="note">
          {t('q.reopened')} {questionnaire.reopenReason}
        </p>
      ) : null}

      {questionnaire?.status === 'submitted' ? (
        <section className="section-block card" aria-labelledby={`${id}-reopen`}>
          <h2 id={`${id}-reopen`}>{t('cs.admin.reopen')}</h2>
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="reopen" />
            <TextAreaField
              label={t('q.board.reason', { name: organization.name })}
              hint={t('q.board.reasonHint')}
              name="reason"
              rows={3}
              required
              minLength={10}
              errors={result && !result.ok ? result.errors : undefined}
            />
            <button type="submit" className="secondary">
              {t('q.board.reopenSubmit')}
            </button>
          </Form>
        </section>
      ) : null}

      <section className="section-block" aria-labelledby={`${id}-progress`}>
        <h2 id={`${id}-progress`}>{t('cs.admin.completeness')}</h2>
        <ProgressBar label={t('q.progressOverall')} answered={completeness.answered} total={completeness.total} />
        {completeness.perMandate.map((m) => (
          <ProgressBar
            key={m.mandate}
            label={t('mandates.mandate', { n: m.mandate })}
            answered={m.answered}
            total={m.of}
          />
        ))}
      </section>

      <section className="section-block" aria-labelledby={`${id}-answers`}>
        <h2 id={`${id}-answers`}>{t('cs.admin.answers')}</h2>
        {answers.length === 0 ? <p className="muted">{t('cs.admin.noAnswers')}</p> : null}
        {[...byMandate.entries()].map(([mandate, rows]) => (
          <div key={mandate}>
            <h3>{t('mandates.mandate', { n: mandate })}</h3>
            <dl className="answer-view">
              {rows.map((a) => (
                <div key={a.id}>
                  <dt>
                    {q(a.question)}
                    {a.indicatorCode ? ` · ${a.indicatorCode}` : ''}
                  </dt>
                  <dd>
                    {a.progress ? `${a.progress} (${t(`q.level.${a.progress}` as MessageKey)}) ` : ''}
                    {a.summary}{' '}
                    <Link to={`/questionnaire/answers/${a.id}/history`}>{t('cs.admin.history', { v: a.version })}</Link>
                  </dd>
                </div>
              ))}
            </dl>
          </div>
        ))}
      </section>

      <section className="section-block" aria-labelledby={`${id}-nd`}>
        <h2 id={`${id}-nd`}>{t('cs.admin.disclosure')}</h2>
        {disclosure.length === 0 ? (
          <p className="muted">{t('cs.admin.noDisclosure')}</p>
        ) : (
          <ul>
            {disclosure.map((r) => (
              <li key={r.id}>
                {t(`nd.scope.${r.scope}`)}
                {r.mandate ? ` · ${t('mandates.mandate', { n: r.mandate })}` : ''}
                {r.question ? ` · ${q(r.question)}` : ''}
                {r.field === 'summary' || r.field === 'full' ? ` · ${t(`nd.field.${r.field}`)}` : ''} —{' '}
                {r.letterReference} — <span className="badge">{t(`nd.decision.${r.decision}`)}</span>
              </li>
            ))}
          </ul>
        )}
        <p>
          <Link to={`/disclosure/${cycle.id}`}>{t('nd.title')}</Link>
        </p>
      </section>

      <section className="section-block" aria-labelledby={`${id}-cs`}>
        <h2 id={`${id}-cs`}>{t('cs.admin.contributions')}</h2>
        {questionnaire ? <p>{questionnaire.civilSocietyContributed ? t('cs.flag.yes') : t('cs.flag.no')}</p> : null}
        <p>
          {t('cs.waiting', { n: contributions.counts.proposed })} ·{' '}
          {t('cs.decidedCounts', { accepted: contributions.counts.accepted, leftOut: contributions.counts.leftOut })}
        </p>
        {contributions.invitations.length === 0 ? (
          <p className="muted">{t('cs.admin.noInvitations')}</p>
        ) : (
          <ul>
            {contributions.invitations.map((i) => (
              <li key={i.name}>
                {i.name} — {i.revoked ? t('cs.invitations.revoked') : t('cs.invitations.active')}
              </li>
            ))}
          </ul>
        )}
      </section>
    </section>
  );
}
