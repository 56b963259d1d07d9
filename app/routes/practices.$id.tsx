import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { FormMessage, TextAreaField } from '../components/field';
import { PracticeFormNotice, TEXT_FIELDS } from '../components/practice-form';
import type { MessageKey } from '../i18n';
import { requireActor, throwFailure } from '../utils/auth.server';
import { readForm } from '../utils/form.server';
import { useLang, useT } from '../utils/i18n';
import { statusFor } from '../../services/outcome';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction<typeof loader> = (args) =>
  pageTitle(args, 'title.goodPractice', args.data?.practice.title);

/*
 * One practice: the form, its published documents, its mandates, the open requests of other States it could help
 * with; during its review round the threaded comments of the participants. The service decides who reads what:
 * a draft is its organization's only, an entry under review the round's participants', a published one everyone's.
 */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const found = await context.services.practices.get(context.actor, params.id ?? '');
  if (!found.ok) throwFailure(found);
  const { practice, ...rest } = found.value;
  const numbers = new Set(practice.mandates.map((m) => m.number));
  // "This practice could help": open requests of other States on the same mandates (published ones only).
  const couldHelp =
    practice.status === 'published'
      ? (await context.services.requests.listPublished())
          .filter(
            (r) =>
              r.status === 'open' &&
              r.organizationId !== practice.organizationId &&
              r.mandates.some((n) => numbers.has(n)),
          )
          .slice(0, 20)
          .map((r) => ({
            id: r.id,
            title: r.title,
            organizationNameEn: r.organizationNameEn,
            organizationNameEs: r.organizationNameEs,
            mandates: r.mandates.filter((n) => numbers.has(n)),
          }))
      : [];
  return {
    ...rest,
    textLimits: context.services.practices.textLimits,
    practice: {
      ...practice,
      updatedAt: practice.updatedAt.toISOString(),
      publishedAt: practice.publishedAt?.toISOString() ?? null,
      submittedAt: practice.submittedAt?.toISOString() ?? null,
    },
    round: rest.round ? { ...rest.round, closesAt: rest.round.closesAt.toISOString() } : null,
    comments: rest.comments.map((c) => ({
      ...c,
      createdAt: c.createdAt.toISOString(),
      resolvedAt: c.resolvedAt?.toISOString() ?? null,
    })),
    versions: rest.versions.map((v) => ({
      version: v.version,
      savedAt: v.savedAt.toISOString(),
      publishedAt: v.publishedAt?.toISOString() ?? null,
    })),
    couldHelp,
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const form = await readForm(request);
  const id = params.id ?? '';
  const intent = String(form.get('intent') ?? '');
  const result =
    intent === 'resolve'
      ? await context.services.practices.resolveComment(actor, String(form.get('commentId') ?? ''))
      : await context.services.practices.comment(actor, id, {
          body: String(form.get('body') ?? ''),
          parentId: String(form.get('parentId') ?? ''),
        });
  if (result.ok) return redirect(`/practices/${id}#comments`);
  return data({ message: result.message, parentId: String(form.get('parentId') ?? '') }, { status: statusFor(result) });
}

const day = (iso: string | null) => (iso ? iso.slice(0, 10) : '');

export default function PracticePage() {
  const t = useT();
  const lang = useLang();
  const {
    practice: p,
    round,
    comments,
    canComment,
    canResolve,
    versions,
    couldHelp,
    access,
    textLimits,
  } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const orgName = lang === 'es' ? p.organizationNameEs : p.organizationNameEn;
  const roots = comments.filter((c) => !c.parentId);
  const replies = (id: string) => comments.filter((c) => c.parentId === id);
  const commentForm = (parentId?: string) => (
    <Form method="post" aria-label={parentId ? t('pr.comments.replyTo') : t('pr.comments.add')}>
      {parentId ? <input type="hidden" name="parentId" value={parentId} /> : null}
      <TextAreaField
        label={parentId ? t('pr.comments.replyTo') : t('pr.comments.add')}
        name="body"
        required
        maxLength={textLimits.comment}
        rows={parentId ? 2 : 4}
      />
      <button type="submit" className={parentId ? 'secondary' : undefined}>
        {parentId ? t('pr.comments.reply') : t('pr.comments.send')}
      </button>
    </Form>
  );
  const renderComment = (c: (typeof comments)[number]) => (
    <li key={c.id}>
      <p className="muted">
        {t('pr.comments.by', {
          organization: lang === 'es' ? c.organizationNameEs : c.organizationNameEn,
          date: day(c.createdAt),
        })}
        {c.resolvedAt ? ` · ${t('pr.comments.resolved')}` : ''}
      </p>
      <p className="prewrap">{c.body}</p>
      {canResolve && !c.resolvedAt ? (
        <Form method="post" className="inline-form">
          <input type="hidden" name="intent" value="resolve" />
          <input type="hidden" name="commentId" value={c.id} />
          <button type="submit" className="secondary">
            {t('pr.comments.resolve')}
          </button>
        </Form>
      ) : null}
      {replies(c.id).length ? <ul>{replies(c.id).map(renderComment)}</ul> : null}
      {canComment && !c.parentId ? commentForm(c.id) : null}
    </li>
  );
  return (
    <article>
      <p>
        <Link to="/practices">← {t('pr.public.title')}</Link>
        {access === 'owner' ? (
          <>
            {' '}
            · <Link to="/practices/mine">{t('pr.mine.title')}</Link>
          </>
        ) : null}
      </p>
      <h1>{p.title}</h1>
      <p>
        {t('pr.by', { organization: orgName })} · <strong>{t(`pr.status.${p.status}` as MessageKey)}</strong>
        {p.publishedAt ? ` · ${t('pr.publishedOn', { date: day(p.publishedAt) })}` : ''}
      </p>
      {access === 'owner' && ['draft', 'submitted', 'in_review'].includes(p.status) ? (
        <p>
          <Link to={`/practices/${p.id}/edit`}>{t('pr.edit')}</Link>
        </p>
      ) : null}
      {p.mergedIntoId ? <p className="notice">{t('pr.page.mergedInto')}</p> : null}
      {p.mergedFrom.length ? <p className="muted">{t('pr.page.mergedFrom', { n: p.mergedFrom.length })}</p> : null}
      {p.duplicateOfId && access !== 'public' ? <p className="muted">{t('pr.page.duplicateOf')}</p> : null}
      {round ? (
        <p className="muted">
          {round.status === 'open'
            ? t('pr.page.round', { name: round.name, date: day(round.closesAt) })
            : t('pr.page.roundClosed', { name: round.name })}
        </p>
      ) : null}
      <PracticeFormNotice />
      <h2>{t('pr.page.mandates')}</h2>
      <ul>
        {p.mandates.map((m) => (
          <li key={m.number}>
            <Link to={`/mandates/${m.commitment}/${m.number}`}>{t('pr.mandateN', { n: m.number })}</Link>
          </li>
        ))}
      </ul>
      {p.iaccSubjects.length ? (
        <>
          <h2>{t('pr.page.subjects')}</h2>
          <ul>
            {p.iaccSubjects.map((s) => (
              <li key={s}>{t(`pr.subject.${s}` as MessageKey)}</li>
            ))}
          </ul>
        </>
      ) : null}
      {TEXT_FIELDS.filter((f) => p.texts[f].trim()).map((f) => (
        <section key={f}>
          <h2>{t(`pr.field.${f}` as MessageKey)}</h2>
          <p className="prewrap">{p.texts[f]}</p>
        </section>
      ))}
      {p.assistanceTypes.length ? (
        <>
          <h2>{t('pr.field.assistanceTypes')}</h2>
          <p>{p.assistanceTypes.map((a) => t(`coop.type.${a}` as MessageKey)).join(', ')}</p>
        </>
      ) : null}
      {p.languages.length ? (
        <p>
          {t('pr.field.languages')}: {p.languages.map((l) => t(`pr.lang.${l}` as MessageKey)).join(', ')}
        </p>
      ) : null}
      {p.contactName || p.contactEmail ? (
        <>
          <h2>{t('pr.page.contact')}</h2>
          <p>
            {p.contactName} {p.contactEmail ? <a href={`mailto:${p.contactEmail}`}>{p.contactEmail}</a> : null}
          </p>
        </>
      ) : null}
      <h2>{t('pr.page.documents')}</h2>
      {p.documents.length === 0 ? (
        <p className="empty">{t('pr.page.noDocuments')}</p>
      ) : (
        <ul>
          {p.documents.map((d) => (
            <li key={d.id}>
              <a href={`/practices/${p.id}/documents/${d.id}`}>{d.fileName}</a>
            </li>
          ))}
        </ul>
      )}
      {p.status === 'published' ? (
        <section aria-labelledby="could-help">
          <h2 id="could-help">{t('pr.page.couldHelp')}</h2>
          <p>{t('pr.page.couldHelpIntro')}</p>
          {couldHelp.length === 0 ? (
            <p className="empty">{t('pr.page.couldHelpNone')}</p>
          ) : (
            <ul>
              {couldHelp.map((r) => (
                <li key={r.id}>
                  <Link to={`/cooperation/requests/${r.id}`}>{r.title}</Link> —{' '}
                  {lang === 'es' ? r.organizationNameEs : r.organizationNameEn} (
                  {r.mandates.map((n) => t('pr.mandateN', { n })).join(', ')})
                </li>
              ))}
            </ul>
          )}
        </section>
      ) : null}
      {round && access !== 'public' ? (
        <section id="comments" aria-labelledby="comments-heading">
          <h2 id="comments-heading">{t('pr.comments')}</h2>
          {result ? <FormMessage tone="error">{result.message}</FormMessage> : null}
          {roots.length === 0 ? (
            <p className="empty">{t('pr.comments.none')}</p>
          ) : (
            <ul className="comments">{roots.map(renderComment)}</ul>
          )}
          {canComment ? commentForm() : null}
        </section>
      ) : null}
      <h2>{t('pr.page.versions')}</h2>
      <ul>
        {versions.map((v) => (
          <li key={v.version}>
            {v.publishedAt
              ? t('pr.page.versionPublished', { n: v.version, date: day(v.publishedAt) })
              : t('pr.page.version', { n: v.version, date: day(v.savedAt) })}
          </li>
        ))}
      </ul>
    </article>
  );
}
