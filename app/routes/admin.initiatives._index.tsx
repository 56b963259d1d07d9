import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { UtcTime } from '../components/utc-time';
import { Field, FormMessage, SelectField, TextAreaField } from '../components/field';
import {
  errorsOf,
  failureStatus,
  formKey,
  INITIATIVE_FORMS,
  InitiativeCheckboxes,
  InitiativeStatusBadge,
  MANDATE_CHOICES,
  PARTICIPANT_ROLES,
  roleKey,
} from '../components/initiative-parts';
import { requireActor, throwFailure } from '../utils/auth.server';
import { readForm } from '../utils/form.server';
import { useLang, useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.initiativesSecretariat');

/** Participant rows on the create form: enough for most initiatives; more are added on the initiative's page. */
const PARTICIPANT_ROWS = 4;

/*
 * The Secretariat's initiatives: every initiative with its pending proposals, the confirmed matches that are not an
 * initiative yet (one click each), and the form to register one from scratch. The service refuses anyone else.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const s = context.services.initiatives;
  const [list, fromMatches, organizations] = await Promise.all([
    s.list(actor),
    s.confirmedMatchesWithoutInitiative(actor),
    s.participantChoices(),
  ]);
  if (!list.ok) throwFailure(list);
  if (!fromMatches.ok) throwFailure(fromMatches);
  return { initiatives: list.value, matches: fromMatches.value, organizations, textLimits: s.textLimits };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const form = await readForm(request);
  const intent = form.get('intent');
  const s = context.services.initiatives;
  if (intent === 'fromMatch') {
    const matchId = String(form.get('matchId') ?? '');
    const result = await s.createFromMatch(actor, matchId);
    if (result.ok) throw redirect(`/admin/initiatives/${result.value.id}`);
    return data(
      { intent, matchId, message: result.message, fieldErrors: {} as Record<string, string[]> },
      { status: failureStatus(result.kind) },
    );
  }
  if (intent === 'create') {
    const participants = Array.from({ length: PARTICIPANT_ROWS }, (_, i) => ({
      organizationId: String(form.get(`participant${i}`) ?? ''),
      role: String(form.get(`role${i}`) ?? ''),
    })).filter((p) => p.organizationId);
    const result = await s.create(actor, {
      title: form.get('title'),
      summary: form.get('summary'),
      forms: form.getAll('forms'),
      startsOn: form.get('startsOn'),
      endsOn: form.get('endsOn'),
      mandates: form.getAll('mandates'),
      participants,
    });
    if (result.ok) throw redirect(`/admin/initiatives/${result.value.id}`);
    return data(
      {
        intent,
        matchId: '',
        message: result.message,
        fieldErrors: (result.kind === 'invalid' ? result.fieldErrors : undefined) ?? {},
      },
      { status: failureStatus(result.kind) },
    );
  }
  throw new Response('Unknown action', { status: 400 });
}

export default function AdminInitiatives() {
  const t = useT();
  const lang = useLang();
  const { initiatives, matches, organizations, textLimits: limits } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const createErrors = result?.intent === 'create' ? result.fieldErrors : undefined;
  return (
    <section>
      <h1>{t('ini.admin.title')}</h1>
      <p>
        <Link to="/initiatives">{t('ini.admin.public')}</Link>
      </p>
      <h2>{t('ini.admin.list')}</h2>
      {initiatives.length === 0 ? <p className="empty">{t('ini.admin.none')}</p> : null}
      <table>
        <caption className="visually-hidden">{t('ini.admin.list')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('ini.field.title')}</th>
            <th scope="col">{t('ini.field.status')}</th>
            <th scope="col">{t('ini.admin.published')}</th>
            <th scope="col">{t('ini.admin.pending')}</th>
          </tr>
        </thead>
        <tbody>
          {initiatives.map((i) => (
            <tr key={i.id}>
              <td>
                <Link to={`/admin/initiatives/${i.id}`}>{i.title}</Link>
              </td>
              <td>
                <InitiativeStatusBadge status={i.status} />
              </td>
              <td>{i.publishedAt ? <UtcTime value={i.publishedAt} /> : t('ini.admin.notPublished')}</td>
              <td>{i.pendingUpdates}</td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t('ini.admin.fromMatch')}</h2>
      <p className="muted">{t('ini.admin.fromMatchIntro')}</p>
      {matches.length === 0 ? <p className="empty">{t('ini.admin.noMatches')}</p> : null}
      <ul>
        {matches.map((m) => (
          <li key={m.id}>
            {m.requestTitle} {m.confirmedAt ? <UtcTime value={m.confirmedAt} /> : null}
            <Form method="post" className="inline-form">
              <input type="hidden" name="matchId" value={m.id} />
              <button
                type="submit"
                name="intent"
                value="fromMatch"
                aria-label={t('ini.admin.createFromMatchLabel', { title: m.requestTitle })}
              >
                {t('ini.admin.createFromMatch')}
              </button>
            </Form>
            {result?.intent === 'fromMatch' && result.matchId === m.id ? (
              <FormMessage tone="error">{result.message}</FormMessage>
            ) : null}
          </li>
        ))}
      </ul>

      <h2>{t('ini.admin.fromScratch')}</h2>
      <Form method="post">
        {result?.intent === 'create' ? <FormMessage tone="error">{result.message}</FormMessage> : null}
        <Field
          label={t('ini.field.title')}
          name="title"
          required
          maxLength={limits.title}
          errors={errorsOf(createErrors, 'title')}
        />
        <TextAreaField
          label={t('ini.field.summary')}
          name="summary"
          required
          rows={4}
          maxLength={limits.summary}
          errors={errorsOf(createErrors, 'summary')}
        />
        <InitiativeCheckboxes
          legend={t('ini.field.forms')}
          name="forms"
          options={INITIATIVE_FORMS.map((f) => ({ value: f, label: t(formKey(f)) }))}
          errors={errorsOf(createErrors, 'forms')}
        />
        <Field
          label={t('ini.field.startsOn')}
          name="startsOn"
          type="date"
          errors={errorsOf(createErrors, 'startsOn')}
        />
        <Field label={t('ini.field.endsOn')} name="endsOn" type="date" errors={errorsOf(createErrors, 'endsOn')} />
        <InitiativeCheckboxes
          legend={t('ini.field.mandates')}
          name="mandates"
          options={MANDATE_CHOICES.map((n) => ({ value: String(n), label: String(n) }))}
          errors={errorsOf(createErrors, 'mandates')}
        />
        <fieldset className="field-group">
          <legend>{t('ini.participants')}</legend>
          {errorsOf(createErrors, 'participants') ? (
            <FormMessage tone="error">{errorsOf(createErrors, 'participants')!.join(' ')}</FormMessage>
          ) : null}
          {Array.from({ length: PARTICIPANT_ROWS }, (_, i) => (
            <div key={i} className="inline-form">
              <SelectField
                label={t('ini.field.participant', { n: i + 1 })}
                name={`participant${i}`}
                placeholder={t('ini.field.none')}
                options={organizations.map((o) => ({
                  value: o.id,
                  label: `${(lang === 'es' ? o.nameEs : o.nameEn) || o.nameEn} (${o.code})`,
                }))}
              />
              <SelectField
                label={t('ini.field.role', { n: i + 1 })}
                name={`role${i}`}
                options={PARTICIPANT_ROLES.map((r) => ({ value: r, label: t(roleKey(r)) }))}
              />
            </div>
          ))}
        </fieldset>
        <button type="submit" name="intent" value="create">
          {t('ini.admin.create')}
        </button>
      </Form>
    </section>
  );
}
