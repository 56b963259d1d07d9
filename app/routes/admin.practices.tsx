import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { Field, FormMessage, SelectField } from '../components/field';
import type { MessageKey } from '../i18n';
import { translate } from '../i18n';
import { requireActor, throwFailure } from '../utils/auth.server';
import { readForm } from '../utils/form.server';
import { useLang, useT } from '../utils/i18n';
import { statusFor } from '../../services/outcome';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.practiceBase');

/*
 * The Secretariat consolidates submitted practices (tags, duplicates, merges keeping the originals), opens review
 * rounds (two weeks by default), and publishes a round's reviewed base once it has closed. Drafts never appear.
 */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const found = await context.services.practices.consolidation(actor);
  if (!found.ok) throwFailure(found);
  const { practices, rounds, reviewDays } = found.value;
  const slim = practices.map((p) => ({
    id: p.id,
    title: p.title,
    status: p.status,
    organizationNameEn: p.organizationNameEn,
    organizationNameEs: p.organizationNameEs,
    mandates: p.mandates.map((m) => m.number),
    tags: p.tags,
    duplicateOfId: p.duplicateOfId,
    roundId: p.roundId,
  }));
  return {
    submitted: slim.filter((p) => p.status === 'submitted'),
    inRounds: slim.filter((p) => p.status === 'in_review' || p.status === 'reviewed'),
    rounds: rounds.map((r) => ({ id: r.id, name: r.name, status: r.status, closesAt: r.closesAt.toISOString() })),
    reviewDays,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const form = await readForm(request);
  const p = context.services.practices;
  const intent = String(form.get('intent') ?? '');
  const id = String(form.get('id') ?? '');
  const chosen = form.getAll('chosen').map(String);
  const result =
    intent === 'tag'
      ? await p.tag(actor, id, String(form.get('tags') ?? ''))
      : intent === 'duplicate'
        ? await p.markDuplicate(actor, id, String(form.get('duplicateOf') ?? '') || null)
        : intent === 'merge'
          ? await p.merge(actor, chosen)
          : intent === 'openRound'
            ? await p.openRound(actor, {
                name: form.get('name'),
                practiceIds: chosen,
                days: form.get('days') ?? '',
                closesAt: form.get('closesAt') ?? '',
                openToJswg: form.get('openToJswg'),
                openToCivilSociety: form.get('openToCivilSociety'),
              })
            : intent === 'close'
              ? await p.closeRound(actor, String(form.get('roundId') ?? ''))
              : intent === 'publish'
                ? await p.publishRound(actor, String(form.get('roundId') ?? ''))
                : null;
  if (!result)
    return data(
      { message: translate(context.lang, 'pr.admin.done'), fieldErrors: {} as Record<string, string[]> },
      { status: 400 },
    );
  if (result.ok) {
    if (intent === 'publish' && typeof result.value === 'object' && result.value && 'published' in result.value) {
      const v = result.value as { published: number; held: string[] };
      return redirect(`/admin/practices?published=${v.published}&held=${v.held.length}`);
    }
    return redirect('/admin/practices?done=1');
  }
  return data(
    { message: result.message, fieldErrors: (result.kind === 'invalid' ? result.fieldErrors : undefined) ?? {} },
    { status: statusFor(result) },
  );
}

export default function AdminPractices() {
  const t = useT();
  const lang = useLang();
  const { submitted, inRounds, rounds, reviewDays } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const [params] = useSearchParams();
  const org = (p: { organizationNameEn: string; organizationNameEs: string }) =>
    lang === 'es' ? p.organizationNameEs : p.organizationNameEn;
  const all = [...submitted, ...inRounds];
  return (
    <section>
      <h1>{t('pr.admin.title')}</h1>
      <p>{t('pr.admin.intro')}</p>
      <p>
        <Link to="/practices">{t('nav.practices')}</Link>
      </p>
      {result ? <FormMessage tone="error">{result.message}</FormMessage> : null}
      {!result && params.get('done') ? <FormMessage tone="success">{t('pr.admin.done')}</FormMessage> : null}
      {!result && params.get('published') ? (
        <FormMessage tone="success">
          {t('pr.admin.published', { n: params.get('published') ?? '0' })}{' '}
          {Number(params.get('held')) > 0 ? t('pr.admin.held', { n: params.get('held') ?? '0' }) : ''}
        </FormMessage>
      ) : null}

      <h2>{t('pr.admin.submitted')}</h2>
      {submitted.length === 0 ? (
        <p className="empty">{t('pr.admin.none')}</p>
      ) : (
        <>
          <ul className="practice-list">
            {submitted.map((p) => (
              <li key={p.id}>
                <Link to={`/practices/${p.id}`}>{p.title}</Link> — {org(p)} ·{' '}
                {p.mandates.map((n) => t('pr.mandateN', { n })).join(', ')}
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="tag" />
                  <input type="hidden" name="id" value={p.id} />
                  <Field label={t('pr.admin.tags')} name="tags" defaultValue={p.tags.join(', ')} maxLength={1000} />
                  <button type="submit" className="secondary">
                    {t('pr.admin.saveTags')}
                  </button>
                </Form>
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="duplicate" />
                  <input type="hidden" name="id" value={p.id} />
                  <SelectField
                    label={t('pr.admin.duplicateOf')}
                    name="duplicateOf"
                    defaultValue={p.duplicateOfId ?? ''}
                    placeholder={t('pr.admin.notDuplicate')}
                    options={all
                      .filter((o) => o.id !== p.id)
                      .map((o) => ({ value: o.id, label: `${o.title} — ${org(o)}` }))}
                  />
                  <button type="submit" className="secondary">
                    {t('pr.admin.markDuplicate')}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
          <Form method="post" aria-label={t('pr.admin.openRound')}>
            <fieldset>
              <legend>{t('pr.admin.openRound')}</legend>
              {submitted.map((p) => (
                <label key={p.id} className="checkbox">
                  <input
                    type="checkbox"
                    name="chosen"
                    value={p.id}
                    aria-label={t('pr.admin.choose', { title: p.title })}
                  />{' '}
                  {p.title} — {org(p)}
                </label>
              ))}
            </fieldset>
            <Field label={t('pr.admin.roundName')} name="name" maxLength={200} errors={result?.fieldErrors?.name} />
            <Field
              label={t('pr.admin.roundDays')}
              name="days"
              type="number"
              min={1}
              max={90}
              defaultValue={reviewDays}
              hint={t('pr.admin.roundDaysHint', { days: reviewDays })}
              errors={result?.fieldErrors?.days}
            />
            <Field
              label={t('pr.admin.closesAt')}
              name="closesAt"
              type="datetime-local"
              step={1}
              hint={t('pr.admin.closesAtHint', { days: reviewDays })}
              errors={result?.fieldErrors?.closesAt}
            />
            <label className="checkbox">
              <input type="checkbox" name="openToJswg" /> {t('pr.admin.openToJswg')}
            </label>
            <label className="checkbox">
              <input type="checkbox" name="openToCivilSociety" /> {t('pr.admin.openToCso')}
            </label>
            <p className="hint">{t('pr.admin.mergeHint')}</p>
            <button type="submit" name="intent" value="openRound">
              {t('pr.admin.openRound')}
            </button>{' '}
            <button type="submit" name="intent" value="merge" className="secondary">
              {t('pr.admin.merge')}
            </button>
          </Form>
        </>
      )}

      <h2>{t('pr.admin.rounds')}</h2>
      {rounds.length === 0 ? (
        <p className="empty">{t('pr.admin.noRounds')}</p>
      ) : (
        <ul>
          {rounds.map((r) => (
            <li key={r.id}>
              {t('pr.admin.roundLine', {
                name: r.name,
                status: t(`pr.admin.round.${r.status}` as MessageKey),
                date: r.closesAt.slice(0, 16).replace('T', ' '),
              })}{' '}
              · <Link to={`/practices/review/${r.id}`}>{t('pr.admin.view')}</Link>
              <ul>
                {inRounds
                  .filter((p) => p.roundId === r.id)
                  .map((p) => (
                    <li key={p.id}>
                      <Link to={`/practices/${p.id}`}>{p.title}</Link> — {org(p)} ·{' '}
                      {t(`pr.status.${p.status}` as MessageKey)}
                    </li>
                  ))}
              </ul>
              {r.status === 'open' && new Date(r.closesAt).getTime() <= Date.now() ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="roundId" value={r.id} />
                  <button type="submit" name="intent" value="close" className="secondary">
                    {t('pr.admin.close')}
                  </button>
                </Form>
              ) : null}
              {r.status === 'closed' ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="roundId" value={r.id} />
                  <button type="submit" name="intent" value="publish">
                    {t('pr.admin.publish')}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
