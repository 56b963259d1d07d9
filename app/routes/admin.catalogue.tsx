import {
  data,
  MaxPartSizeExceededError,
  unstable_createMemoryUploadHandler,
  unstable_parseMultipartFormData,
  type ActionFunctionArgs,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormMessage } from '../components/field';
import { translate } from '../i18n';
import { forbiddenResponse, requireActor } from '../utils/auth.server';
import { can } from '../../services/permissions';
import { useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.catalogueImport');

const MAX_UPLOAD_MB = 5;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  // The page is the administrator's; the import service checks the same permission again on submit.
  if (!can(actor, { action: 'catalogue.import' })) throw forbiddenResponse();
  return { commitments: await context.services.catalogue.listCommitments() };
}

type ActionResult =
  | {
      ok: true;
      dryRun: boolean;
      counts: Record<string, { created: number; updated: number; unchanged: number; deleted?: number }>;
      notInFile: { sections: string[]; mandates: number[] };
    }
  | { ok: false; message: string; problems: Array<{ where: string; message: string }> };

export async function action({ request, context }: ActionFunctionArgs) {
  const actor = requireActor(context, request);
  const lang = context.lang;
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(
      request,
      unstable_createMemoryUploadHandler({ maxPartSize: MAX_UPLOAD_MB * 1024 * 1024 }),
    );
  } catch (error) {
    if (error instanceof MaxPartSizeExceededError)
      return data<ActionResult>(
        { ok: false, message: translate(lang, 'catalogue.tooLarge', { mb: MAX_UPLOAD_MB }), problems: [] },
        { status: 413 },
      );
    throw error;
  }
  const file = form.get('file');
  if (!(file instanceof File) || file.size === 0)
    return data<ActionResult>(
      { ok: false, message: translate(lang, 'catalogue.noFile'), problems: [] },
      { status: 400 },
    );
  const format = file.name.toLowerCase().endsWith('.csv')
    ? 'csv'
    : file.name.toLowerCase().endsWith('.json')
      ? 'json'
      : null;
  if (!format)
    return data<ActionResult>(
      { ok: false, message: translate(lang, 'catalogue.badType'), problems: [] },
      { status: 400 },
    );
  const result = await context.services.catalogue.importCatalogueText(
    { ...actor, ip: context.ip },
    await file.text(),
    format,
    { dryRun: form.get('dryRun') === 'on' },
  );
  if (!result.ok) {
    if (result.kind === 'forbidden') throw forbiddenResponse(result.message);
    const problems = Object.entries(result.kind === 'invalid' ? (result.fieldErrors ?? {}) : {}).flatMap(
      ([where, messages]) => messages.map((message) => ({ where, message })),
    );
    return data<ActionResult>({ ok: false, message: result.message, problems }, { status: 400 });
  }
  const report = result.value;
  return data<ActionResult>({
    ok: true,
    dryRun: report.dryRun,
    counts: report.counts,
    notInFile: { sections: report.notInFile.sections, mandates: report.notInFile.mandates },
  });
}

export default function CatalogueImport() {
  const t = useT();
  const { commitments } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state === 'submitting';
  return (
    <section>
      <h1>{t('catalogue.title')}</h1>
      <p>{t('catalogue.intro')}</p>
      <p className="muted">{t('catalogue.topicsHint')}</p>
      <p className="muted">
        {commitments
          .map((c) => `${c.code}: ${c.titleEn} (${c.mandatesImported}${c.mandateCount ? `/${c.mandateCount}` : ''})`)
          .join(' · ')}
      </p>
      {result && !result.ok ? (
        <FormMessage tone="error">
          <p>{result.problems.length ? t('catalogue.problems') : result.message}</p>
          {result.problems.length ? (
            <ul>
              {result.problems.slice(0, 200).map((p, i) => (
                <li key={i}>
                  <code>{p.where}</code>: {p.message}
                </li>
              ))}
            </ul>
          ) : null}
        </FormMessage>
      ) : null}
      {result?.ok ? (
        <FormMessage tone="success">
          <p>{result.dryRun ? t('catalogue.checked') : t('catalogue.imported')}</p>
          <table>
            <thead>
              <tr>
                <th scope="col">{t('catalogue.kind')}</th>
                <th scope="col">{t('catalogue.created')}</th>
                <th scope="col">{t('catalogue.updated')}</th>
                <th scope="col">{t('catalogue.unchanged')}</th>
                <th scope="col">{t('catalogue.deleted')}</th>
              </tr>
            </thead>
            <tbody>
              {Object.entries(result.counts).map(([kind, c]) => (
                <tr key={kind}>
                  <th scope="row">{kind}</th>
                  <td>{c.created}</td>
                  <td>{c.updated}</td>
                  <td>{c.unchanged}</td>
                  <td>{c.deleted ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {result.notInFile.sections.length || result.notInFile.mandates.length ? (
            <p>
              {t('catalogue.notInFile')}{' '}
              {[
                result.notInFile.sections.length
                  ? `${t('catalogue.sections')}: ${result.notInFile.sections.join(', ')}`
                  : '',
                result.notInFile.mandates.length
                  ? `${t('catalogue.mandates')}: ${result.notInFile.mandates.join(', ')}`
                  : '',
              ]
                .filter(Boolean)
                .join(' · ')}
            </p>
          ) : null}
        </FormMessage>
      ) : null}
      <Form method="post" encType="multipart/form-data">
        <div className="field">
          <label htmlFor="catalogue-file">{t('catalogue.file')}</label>
          <input id="catalogue-file" name="file" type="file" accept=".json,.csv,application/json,text/csv" required />
        </div>
        <div className="field">
          <label>
            <input type="checkbox" name="dryRun" /> {t('catalogue.dryRun')}
          </label>
        </div>
        <button type="submit" disabled={busy} aria-busy={busy}>
          {t('catalogue.submit')}
        </button>
        {busy ? <progress aria-label={t('catalogue.submit')} /> : null}
      </Form>
    </section>
  );
}
