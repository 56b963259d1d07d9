import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useOutlet } from '@remix-run/react';
import { FormMessage, TextAreaField } from '../components/field';
import { translate } from '../i18n';
import { notFoundResponse, requireActor, throwFailure } from '../utils/auth.server';
import { useT } from '../utils/i18n';
import { readForm } from '../utils/form.server';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.statusBoard');

/*
 * The Secretariat's view of one cycle: each organization's status in words, alphabetically. No score, no
 * progress figure, no ordering by progress (the Mechanism forbids comparative reporting). Submitted
 * questionnaires can be reopened, with a reason that the service keeps in the audit log.
 */

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const cycleId = params.cycleId ?? '';
  const board = await context.services.registration.statusBoard(actor, cycleId);
  if (!board.ok) throwFailure(board);
  const cycle = (await context.services.registration.listCycles()).find((c) => c.id === cycleId);
  if (!cycle) throw notFoundResponse('This reporting cycle does not exist.');
  const lang = context.lang;
  const rows = board.value
    .map((o) => ({
      code: o.code,
      name: (lang === 'es' ? o.nameEs : o.nameEn) || o.nameEn,
      kind: o.kind,
      status: o.status,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, lang));
  const count = (s: string) => rows.filter((r) => r.status === s).length;
  return {
    cycle: {
      id: cycle.id,
      name: cycle.name,
      timeZone: cycle.timeZone,
      opensAt: cycle.opensAt,
      closesAt: cycle.closesAt,
      published: !!cycle.publishedAt,
    },
    rows,
    counts: { submitted: count('submitted'), drafting: count('drafting'), notStarted: count('not_started') },
  };
}

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const form = await readForm(request);
  if (form.get('intent') === 'publish') {
    const code = '';
    const reason = '';
    if (form.get('confirm') !== 'yes')
      return data(
        {
          ok: false as const,
          code,
          message: translate(context.lang, 'att.publishNeedConfirm'),
          reasonErrors: undefined,
          reason,
        },
        { status: 400 },
      );
    const published = await context.services.publication.publishNow(actor, params.cycleId ?? '');
    if (published.ok)
      return {
        ok: true as const,
        code,
        message: translate(context.lang, 'att.published', { n: published.value.published }),
        reasonErrors: undefined,
        reason,
      };
    if (published.kind === 'not_found' || published.kind === 'forbidden') throwFailure(published);
    return data(
      { ok: false as const, code, message: published.message, reasonErrors: undefined, reason },
      { status: 409 },
    );
  }
  if (form.get('intent') !== 'reopen') throw new Response('Unknown action', { status: 400 });
  const code = text(form, 'code');
  const reason = text(form, 'reason');
  const cycleId = params.cycleId ?? '';
  const { registration, accounts } = context.services;
  // The status board names organizations by code; reopening needs the questionnaire's id. It is found through the
  // organization (accounts.workspace) and the questionnaire (which already exists: only submitted ones are reopened).
  const workspace = await accounts.workspace(actor, code);
  if (!workspace.ok) throwFailure(workspace);
  const organization = workspace.value.organization;
  const name = (context.lang === 'es' ? organization.nameEs : organization.nameEn) || organization.nameEn;
  const questionnaire = await registration.questionnaire(actor, cycleId, organization.id);
  if (!questionnaire.ok) throwFailure(questionnaire);
  const result = await registration.reopen(actor, questionnaire.value.questionnaire.id, reason);
  if (result.ok)
    return {
      ok: true as const,
      code,
      message: translate(context.lang, 'q.board.reopened', { name }),
      reasonErrors: undefined,
      reason: '',
    };
  if (result.kind === 'not_found' || result.kind === 'forbidden') throwFailure(result);
  const reasonErrors = result.kind === 'invalid' ? (result.fieldErrors?.reason ?? [result.message]) : [result.message];
  return data({ ok: false as const, code, message: result.message, reasonErrors, reason }, { status: 400 });
}

function ReopenForm({
  code,
  name,
  failed,
}: {
  code: string;
  name: string;
  failed?: { reasonErrors: string[]; reason: string };
}) {
  const t = useT();
  return (
    <details open={!!failed}>
      <summary>{t('q.board.reopen')}</summary>
      <Form method="post" noValidate className="reopen-form">
        <input type="hidden" name="intent" value="reopen" />
        <input type="hidden" name="code" value={code} />
        <TextAreaField
          label={t('q.board.reason', { name })}
          hint={t('q.board.reasonHint')}
          name="reason"
          rows={3}
          required
          minLength={10}
          defaultValue={failed?.reason}
          errors={failed?.reasonErrors}
        />
        <button type="submit" className="secondary">
          {t('q.board.reopenSubmit')}
        </button>
      </Form>
    </details>
  );
}

/** Parent of admin.cycles.$cycleId.$org (one organization's questionnaire): with a child, only the child renders. */
export default function StatusBoardRoute() {
  const outlet = useOutlet();
  if (outlet) return outlet;
  return <StatusBoard />;
}

function StatusBoard() {
  const t = useT();
  const { cycle, rows, counts } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  return (
    <section>
      <p>
        <Link to="/questionnaire">{t('q.back')}</Link>
      </p>
      <h1>{t('q.board.title', { name: cycle.name })}</h1>
      <p>{t('q.board.intro')}</p>
      <p className="muted">{t('q.board.counts', counts)}</p>
      {result?.ok ? <FormMessage tone="success">{result.message}</FormMessage> : null}
      {result && !result.ok && !result.code ? <FormMessage tone="error">{result.message}</FormMessage> : null}
      {cycle.published ? (
        <p className="muted">{t('pub.publishedOpen')}</p>
      ) : (
        <details className="card">
          <summary>{t('pub.publishNow')}</summary>
          <p>{t('pub.publishNowIntro')}</p>
          <Form method="post">
            <input type="hidden" name="intent" value="publish" />
            <label className="choice">
              <input type="checkbox" name="confirm" value="yes" required /> <span>{t('pub.publishConfirm')}</span>
            </label>
            <div className="form-actions">
              <button type="submit">{t('pub.publishNow')}</button>
            </div>
          </Form>
        </details>
      )}
      <table className="status-board">
        <caption className="visually-hidden">{t('q.board.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('field.organization')}</th>
            <th scope="col">{t('q.board.kind')}</th>
            <th scope="col">{t('field.status')}</th>
            <th scope="col">{t('table.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.code} data-org={row.code}>
              <th scope="row">
                <Link to={`/admin/cycles/${cycle.id}/${row.code}`} title={t('cs.admin.open', { name: row.name })}>
                  {row.name}
                </Link>
              </th>
              <td>{t(`kind.${row.kind}`)}</td>
              <td>
                <span className={`badge status status-${row.status}`}>{t(`q.status.${row.status}`)}</span>
              </td>
              <td>
                {row.status === 'submitted' ? (
                  <ReopenForm
                    key={result?.ok && result.code === row.code ? 'done' : 'form'}
                    code={row.code}
                    name={row.name}
                    failed={
                      result && !result.ok && result.code === row.code && result.reasonErrors
                        ? { reasonErrors: result.reasonErrors, reason: result.reason }
                        : undefined
                    }
                  />
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
