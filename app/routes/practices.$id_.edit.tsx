import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import {
  Form,
  Link,
  useActionData,
  useLoaderData,
  useSearchParams,
  type ClientActionFunctionArgs,
} from '@remix-run/react';
import { can } from '../../services/permissions';
import { FormMessage } from '../components/field';
import {
  PracticeForm,
  PracticeFormNotice,
  practiceInput,
  valuesFromInput,
  type PracticeFormValues,
} from '../components/practice-form';
import { translate, type MessageKey } from '../i18n';
import { notFoundResponse, requireActor, throwFailure } from '../utils/auth.server';
import { readForm } from '../utils/form.server';
import { useT } from '../utils/i18n';
import { isMultipart, parseUploadForm } from '../utils/upload.server';
import { statusFor } from '../../services/outcome';
import { pageTitle } from '../utils/page-title';
import { isUnsentSave, sendOrKeep, skipReloadAfterUnsent } from '../utils/unsent-save';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.editGoodPractice');

/*
 * The organization edits its practice: the form with its progress, documents (same upload checks as answers),
 * submission of the complete form by a focal point, withdrawal. The service decides every step.
 */

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const found = await context.services.practices.get(actor, params.id ?? '');
  if (!found.ok) throwFailure(found);
  // Only the organization edits; anyone else reading it has the practice page.
  if (found.value.access !== 'owner') throw notFoundResponse();
  const p = found.value.practice;
  const values: PracticeFormValues = {
    title: p.title,
    ...p.texts,
    contactName: p.contactName,
    contactEmail: p.contactEmail,
    mandates: p.mandates.map((m) => m.number).join(', '),
    iaccSubjects: p.iaccSubjects,
    assistanceTypes: p.assistanceTypes,
    languages: p.languages,
  };
  const editable = ['draft', 'submitted', 'in_review'].includes(p.status);
  return {
    id: p.id,
    title: p.title,
    status: p.status,
    version: p.version,
    values,
    editable,
    commitment: p.mandates[0]?.commitment ?? (await context.services.catalogue.listCommitments())[0]?.code ?? '',
    documents: p.documents,
    fromAnswer: !!p.sourceAnswerId,
    canSubmit: p.status === 'draft' && can(actor, { action: 'practice.submit', organizationId: p.organizationId }),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const id = params.id ?? '';
  const practices = context.services.practices;
  if (isMultipart(request)) {
    const { result } = await parseUploadForm(request, 'file', (_fields, file) =>
      practices.uploadDocument(actor, id, file),
    );
    if (!result)
      return data(
        {
          message: translate(context.lang, 'pr.chooseFile'),
          fieldErrors: {} as Record<string, string[]>,
          values: null,
        },
        { status: 400 },
      );
    if (result.ok) return redirect(`/practices/${id}/edit?attached=${encodeURIComponent(result.value.fileName)}`);
    return data(
      { message: result.message, fieldErrors: {} as Record<string, string[]>, values: null },
      { status: statusFor(result) },
    );
  }
  const form = await readForm(request);
  const intent = String(form.get('intent') ?? '');
  if (intent === 'submit' || intent === 'withdraw') {
    const result = intent === 'submit' ? await practices.submit(actor, id) : await practices.withdraw(actor, id);
    if (result.ok) return redirect(intent === 'submit' ? `/practices/${id}/edit?submitted=1` : '/practices/mine');
    return data(
      {
        message: result.message,
        fieldErrors: (result.kind === 'invalid' ? result.fieldErrors : undefined) ?? {},
        values: null,
      },
      { status: statusFor(result) },
    );
  }
  if (intent === 'removeDocument') {
    const result = await practices.removeDocument(actor, id, String(form.get('documentId') ?? ''));
    if (result.ok) return redirect(`/practices/${id}/edit?saved=1`);
    return data(
      { message: result.message, fieldErrors: {} as Record<string, string[]>, values: null },
      { status: statusFor(result) },
    );
  }
  const input = practiceInput(form);
  const result = await practices.update(actor, id, { ...input, baseVersion: String(form.get('baseVersion') ?? '') });
  if (result.ok) return redirect(`/practices/${id}/edit?saved=1`);
  return data(
    {
      message: result.message,
      fieldErrors: (result.kind === 'invalid' ? result.fieldErrors : undefined) ?? {},
      values: valuesFromInput(input),
    },
    { status: statusFor(result) },
  );
}

/** A submission that does not reach the server keeps the page and what was typed (decision 038). */
export const clientAction = ({ serverAction }: ClientActionFunctionArgs) =>
  sendOrKeep(() => serverAction<typeof action>());
export const shouldRevalidate = skipReloadAfterUnsent;

export default function EditPractice() {
  const t = useT();
  const p = useLoaderData<typeof loader>();
  const reply = useActionData<typeof clientAction>();
  const result = isUnsentSave(reply) ? undefined : reply;
  const [params] = useSearchParams();
  const attached = params.get('attached');
  return (
    <section className="form-page">
      <p>
        <Link to="/practices/mine">← {t('pr.mine.title')}</Link> · <Link to={`/practices/${p.id}`}>{p.title}</Link>
      </p>
      <h1>{t('pr.edit.title', { title: p.title })}</h1>
      <p>
        <strong>{t(`pr.status.${p.status}` as MessageKey)}</strong>
        {p.fromAnswer ? ` · ${t('pr.fromAnswer')}` : ''}
      </p>
      <PracticeFormNotice />
      {result ? <FormMessage tone="error">{result.message}</FormMessage> : null}
      {!reply && params.get('saved') ? <FormMessage tone="success">{t('pr.saved')}</FormMessage> : null}
      {!reply && params.get('submitted') ? <FormMessage tone="success">{t('pr.submitted')}</FormMessage> : null}
      {!reply && attached ? <FormMessage tone="success">{t('pr.attached', { name: attached })}</FormMessage> : null}
      {p.editable ? (
        <PracticeForm
          values={result?.values ?? p.values}
          fieldErrors={result?.fieldErrors}
          commitment={p.commitment}
          version={p.version}
          submitLabel={t(p.status === 'draft' ? 'pr.save' : 'pr.saveRevision')}
          unsent={isUnsentSave(reply) ? reply.reason : undefined}
        />
      ) : null}
      <h2>{t('pr.field.documents')}</h2>
      {p.documents.length === 0 ? <p className="empty">{t('pr.page.noDocuments')}</p> : null}
      <ul>
        {p.documents.map((d) => (
          <li key={d.id}>
            <a href={`/practices/${p.id}/documents/${d.id}`}>{d.fileName}</a>
            {d.fromAnswer ? ` (${t('pr.fromAnswer')})` : ''}
            {p.editable ? (
              <Form method="post" className="inline-form">
                <input type="hidden" name="intent" value="removeDocument" />
                <input type="hidden" name="documentId" value={d.id} />
                <button type="submit" className="secondary">
                  {t('pr.removeDocument', { name: d.fileName })}
                </button>
              </Form>
            ) : null}
          </li>
        ))}
      </ul>
      {p.editable ? (
        <Form method="post" encType="multipart/form-data" aria-label={t('pr.field.document')}>
          <label htmlFor="practice-file">{t('pr.field.document')}</label>{' '}
          <input id="practice-file" type="file" name="file" required />{' '}
          <button type="submit" className="secondary">
            {t('pr.attach')}
          </button>
        </Form>
      ) : null}
      {p.canSubmit ? (
        <Form method="post">
          <input type="hidden" name="intent" value="submit" />
          <p className="hint">{t('pr.submitHint')}</p>
          <button type="submit">{t('pr.submit')}</button>
        </Form>
      ) : null}
      {p.editable ? (
        <Form method="post">
          <input type="hidden" name="intent" value="withdraw" />
          <button type="submit" className="secondary">
            {t('pr.withdraw')}
          </button>
        </Form>
      ) : null}
    </section>
  );
}
