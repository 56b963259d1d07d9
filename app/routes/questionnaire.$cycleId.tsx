import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useOutlet, type ShouldRevalidateFunction } from '@remix-run/react';
import type { Actor } from '../../services/actor';
import { statusFor, type Failure } from '../../services/outcome';
import { can } from '../../services/permissions';
import type { MessageKey } from '../i18n';
import { FormMessage } from '../components/field';
import { UtcTime } from '../components/utc-time';
import { translate } from '../i18n';
import { requireActor, throwFailure } from '../utils/auth.server';
import { ProgressBar } from '../components/progress-bar';
import { CivilSocietySection } from '../components/civil-society-section';
import { useLang, useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.questionnaire');

/*
 * One organization's questionnaire in one cycle: progress per catalogue section and overall, what is missing per
 * mandate, links to each mandate's answers, and the submission by the National Coordinator / JSWG focal point.
 * This is also the parent route of questionnaire.$cycleId.$mandate (flat routes): with a child, only the child renders.
 */

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const cycleId = params.cycleId ?? '';
  const result = await context.services.registration.questionnaire(actor, cycleId);
  if (!result.ok) throwFailure(result);
  const { cycle, questionnaire, open, questions, answers, completeness } = result.value;

  // The catalogue of the cycle's commitment gives the sections (and the mandates' order).
  const commitments = await context.services.catalogue.listCommitments();
  const code = commitments.find((c) => c.id === cycle.commitmentId)?.code;
  const catalogue = await context.services.catalogue.getCatalogue(code);
  const perMandate = new Map(completeness.perMandate.map((m) => [m.mandate, m]));
  const carried = new Map<number, number>();
  for (const a of answers) if (a.carriedOver) carried.set(a.mandate, (carried.get(a.mandate) ?? 0) + 1);

  const group = (mandateNumbers: readonly number[]) => {
    const rows = mandateNumbers.map((n) => perMandate.get(n)).filter((m): m is NonNullable<typeof m> => !!m);
    return {
      answered: rows.reduce((s, m) => s + m.answered, 0),
      total: rows.reduce((s, m) => s + m.of, 0),
      mandates: rows.map((m) => ({ ...m, carriedOver: carried.get(m.mandate) ?? 0 })),
    };
  };
  const sections = catalogue.ok
    ? [
        ...catalogue.value.sections.map((s) => ({
          code: s.code as string | null,
          titleEn: s.titleEn,
          titleEs: s.titleEs,
          ...group(s.mandates.map((m) => m.number)),
        })),
        { code: null, titleEn: null, titleEs: null, ...group(catalogue.value.unsectioned.map((m) => m.number)) },
      ].filter((s) => s.mandates.length > 0)
    : [{ code: null, titleEn: null, titleEs: null, ...group(completeness.perMandate.map((m) => m.mandate)) }];

  const now = Date.now();
  const submitted = questionnaire.status === 'submitted';
  // Civil society contributes to States' questionnaires only (Mechanism 4 e).
  const { contributions } = context.services;
  const civil = actor.organizationKind === 'state' ? await contributions.stateOverview(actor, cycleId) : null;
  const csoOptions = civil?.ok && civil.value.canManage ? await contributions.civilSocietyOrganizations(actor) : null;
  const name = (o: { nameEn: string; nameEs: string }) => (context.lang === 'es' ? o.nameEs : o.nameEn) || o.nameEn;
  const civilSociety = civil?.ok
    ? {
        civilSocietyContributed: civil.value.civilSocietyContributed,
        editable: civil.value.editable,
        canManage: civil.value.canManage,
        invitations: civil.value.invitations.map((i) => ({
          id: i.id,
          name: name(i),
          note: i.note,
          revoked: !!i.revokedAt,
        })),
        counts: civil.value.counts,
        organizations: csoOptions?.ok ? csoOptions.value.map((o) => ({ id: o.id, name: name(o) })) : [],
      }
    : null;
  return {
    civilSociety,
    cycle: {
      id: cycle.id,
      name: cycle.name,
      closesAt: cycle.closesAt,
      timeZone: cycle.timeZone,
      upcoming: now < cycle.opensAt.getTime(),
    },
    questionnaire: {
      status: questionnaire.status,
      submittedAt: questionnaire.submittedAt,
      reopenedAt: questionnaire.reopenedAt,
      reopenReason: questionnaire.reopenReason,
    },
    open,
    editable: open && !submitted,
    questions,
    completeness: { answered: completeness.answered, total: completeness.total },
    carriedOverTotal: answers.filter((a) => a.carriedOver).length,
    sections,
    canSubmit: can(actor, { action: 'questionnaire.submit' }) && open && !submitted,
  };
}

/** On a mandate's page only the child renders, so this loader is skipped there; coming back, progress is reloaded. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ currentParams, nextParams, defaultShouldRevalidate }) => {
  if (nextParams.mandate) return false;
  if (currentParams.mandate) return true;
  return defaultShouldRevalidate;
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readForm(request);
  const intent = form.get('intent');
  if (typeof intent === 'string' && intent.startsWith('cso-'))
    return civilSocietyAction(context, actor, params.cycleId ?? '', intent, form);
  if (intent !== 'submit') throw new Response('Unknown action', { status: 400 });
  if (form.get('confirm') !== 'yes')
    return data({ ok: false as const, message: translate(context.lang, 'q.submit.needConfirm') }, { status: 400 });
  const result = await context.services.registration.submit(actor, params.cycleId ?? '');
  if (result.ok) return { ok: true as const, message: translate(context.lang, 'q.submitted') };
  if (result.kind === 'not_found') throwFailure(result);
  return data({ ok: false as const, message: result.message }, { status: statusFor(result) });
}

/** The civil-society section's forms: the flag, an invitation, a revocation. The service authorizes each. */
async function civilSocietyAction(
  context: ActionFunctionArgs['context'],
  actor: Actor,
  cycleId: string,
  intent: string,
  form: FormData,
) {
  const field = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' ? v : '';
  };
  const { contributions } = context.services;
  let result: { ok: true } | Failure;
  let message = '';
  if (intent === 'cso-flag') {
    const value = field('contributed') === 'yes';
    result = await contributions.setCivilSocietyFlag(actor, cycleId, value);
    message = translate(context.lang, value ? 'cs.flag.savedYes' : 'cs.flag.savedNo');
  } else if (intent === 'cso-invite') {
    result = await contributions.invite(actor, cycleId, {
      organizationId: field('organizationId'),
      note: field('note'),
    });
    const options = await contributions.civilSocietyOrganizations(actor);
    const org = options.ok ? options.value.find((o) => o.id === field('organizationId')) : undefined;
    message = translate(context.lang, 'cs.invite.done', {
      name: org ? (context.lang === 'es' ? org.nameEs : org.nameEn) || org.nameEn : '',
    });
  } else if (intent === 'cso-revoke') {
    result = await contributions.revoke(actor, cycleId, field('invitationId'));
    message = translate(context.lang, 'cs.revoke.done', { name: field('name') });
  } else {
    throw new Response('Unknown action', { status: 400 });
  }
  if (result.ok) return { ok: true as const, message, civilSociety: true };
  if (result.kind === 'not_found' && intent !== 'cso-revoke') throwFailure(result);
  return data({ ok: false as const, message: result.message, civilSociety: true }, { status: statusFor(result) });
}

export default function QuestionnaireRoute() {
  const outlet = useOutlet();
  if (outlet) return outlet;
  return <Questionnaire />;
}

function Questionnaire() {
  const t = useT();
  const lang = useLang();
  const { cycle, questionnaire, open, editable, completeness, carriedOverTotal, sections, canSubmit, civilSociety } =
    useLoaderData<typeof loader>();
  const actionResult = useActionData<typeof action>();
  // Civil-society results are shown in their own section, next to the form that produced them.
  const csoResult = actionResult && 'civilSociety' in actionResult ? actionResult : undefined;
  const result = csoResult ? undefined : actionResult;
  const submitted = questionnaire.status === 'submitted';
  const sectionTitle = (s: (typeof sections)[number]) => {
    if (!s.code) return t('mandates.noSection');
    const title = lang === 'es' ? (s.titleEs ?? s.titleEn) : (s.titleEn ?? s.titleEs);
    return `${t('mandates.section', { code: s.code })}${title ? `: ${title}` : ''}`;
  };
  const missing = completeness.total - completeness.answered;
  return (
    <section className="questionnaire">
      <p>
        <Link to="/questionnaire">{t('q.back')}</Link>
      </p>
      <h1>{t('q.questionnaireOf', { cycle: cycle.name })}</h1>
      <p>
        <span className={`badge status status-${questionnaire.status}`} data-testid="questionnaire-status">
          {t(`q.status.${questionnaire.status}`)}
        </span>{' '}
        <Link to={`/questionnaire/${cycle.id}/print`}>{t('print.link')}</Link>
      </p>
      {result ? <FormMessage tone={result.ok ? 'success' : 'error'}>{result.message}</FormMessage> : null}
      {submitted ? (
        <FormMessage tone="info">
          {t('q.readOnly.submitted')} {questionnaire.submittedAt ? <UtcTime value={questionnaire.submittedAt} /> : null}
        </FormMessage>
      ) : !open ? (
        <FormMessage tone="info">{cycle.upcoming ? t('q.readOnly.upcoming') : t('q.readOnly.closed')}</FormMessage>
      ) : null}
      {questionnaire.reopenedAt && !submitted ? (
        <p className="note">
          {t('q.reopened')} {questionnaire.reopenReason}
        </p>
      ) : null}

      <section className="section-block" aria-labelledby="progress-heading">
        <h2 id="progress-heading">{t('q.progressOverall')}</h2>
        <ProgressBar label={t('q.progressOverall')} answered={completeness.answered} total={completeness.total} />
        {carriedOverTotal ? <p className="muted">{t('q.carriedOverCount', { n: carriedOverTotal })}</p> : null}
        <h3>{t('q.sections')}</h3>
        {sections.map((s) => (
          <ProgressBar key={s.code ?? 'none'} label={sectionTitle(s)} answered={s.answered} total={s.total} />
        ))}
      </section>

      {canSubmit ? (
        <section className="section-block card" aria-labelledby="submit-heading">
          <h2 id="submit-heading">{t('q.submit.title')}</h2>
          {missing > 0 ? <p>{t('q.submit.incomplete', { n: missing })}</p> : null}
          <Form method="post">
            <label className="choice">
              <input type="checkbox" name="confirm" value="yes" required />
              <span>{t('q.submit.confirm')}</span>
            </label>
            <div className="form-actions">
              <button type="submit" name="intent" value="submit">
                {t('q.submit.button')}
              </button>
            </div>
          </Form>
        </section>
      ) : editable ? (
        <p className="muted">{t('q.submit.who')}</p>
      ) : null}

      {civilSociety ? (
        <CivilSocietySection
          cycleId={cycle.id}
          data={civilSociety}
          message={csoResult ? { ok: csoResult.ok, text: csoResult.message } : undefined}
        />
      ) : null}

      <section className="section-block" aria-labelledby="mandates-heading">
        <h2 id="mandates-heading">{t('q.mandateList')}</h2>
        {sections.map((s) => (
          <table key={s.code ?? 'none'} className="mandate-progress">
            <caption>{sectionTitle(s)}</caption>
            <thead>
              <tr>
                <th scope="col">{t('q.mandateColumn')}</th>
                <th scope="col">{t('q.answeredColumn')}</th>
                <th scope="col">{t('q.missingColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {s.mandates.map((m) => (
                <tr key={m.mandate}>
                  <th scope="row">
                    <Link to={`/questionnaire/${cycle.id}/${m.mandate}`}>
                      {t('mandates.mandate', { n: m.mandate })}
                    </Link>
                    {m.carriedOver ? <span className="badge carried">{t('q.carriedOver')}</span> : null}
                  </th>
                  <td>
                    {t('q.mandateProgress', { answered: m.answered, of: m.of })}
                    {m.perIndicator.length > 1 || m.perIndicator[0]?.indicator ? (
                      <ul className="indicator-progress muted">
                        {m.perIndicator.map((i) => (
                          <li key={i.indicator}>
                            {t('ind.progress', { code: i.indicator, answered: i.answered, of: i.of })}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </td>
                  <td>
                    {m.missing.length
                      ? m.missing.map((q) => t(`q.short.${q}` as MessageKey)).join(', ')
                      : t('q.complete')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
      </section>
    </section>
  );
}
