import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { useEffect, useState } from 'react';
import { UtcTime } from '../components/utc-time';
import { Field, FormMessage, SelectField } from '../components/field';
import { formatSize } from '../components/attachments';
import { translate } from '../i18n';
import { requireActor, throwFailure } from '../utils/auth.server';
import { useT } from '../utils/i18n';
import { isMultipart, parseUploadForm } from '../utils/upload.server';
import { readForm } from '../utils/form.server';
import { fieldErrorsOf, statusFor, type Failure } from '../../services/outcome';
import { can } from '../../services/permissions';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.nonDisclosure');

/**
 * Non-disclosure for one cycle. A State's focal points record their written request to the Chair (what to
 * withhold — down to one attached document —, the letter's reference and, optionally, the letter itself as a file);
 * the Secretariat records the Chair's decision on the Chair's behalf, with the Chair's written reply. Pending requests
 * withhold; after a refusal the State has a period to amend or withdraw the content, and it is withheld until then.
 * The page only hides forms; the publication service decides who may do what.
 */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.publication.listRequests(actor, params.cycleId ?? '');
  if (!result.ok) throwFailure(result);
  const cycles = await context.services.registration.listCycles();
  const cycle = cycles.find((c) => c.id === params.cycleId);
  if (!cycle) throw new Response('Not found', { status: 404 });
  const canRequest = can(actor, { action: 'disclosure.request' });
  const documents = canRequest ? await context.services.attachments.forQuestionnaire(actor, cycle.id) : null;
  // A document a request already covers (one carried over from the previous cycle included) is not offered again:
  // the service would refuse the duplicate.
  const requested = canRequest ? await context.services.publication.requestedDocumentIds(actor, cycle.id) : null;
  const requestedIds = new Set(requested?.ok ? requested.value : []);
  // Every row names its mandate by number (issue 15: "One question · Q2" did not say which mandate).
  const commitmentCode = (await context.services.catalogue.listCommitments()).find(
    (c) => c.id === cycle.commitmentId,
  )?.code;
  const catalogue = commitmentCode ? await context.services.catalogue.getCatalogue(commitmentCode) : null;
  const numberOf = new Map(catalogue?.ok ? catalogue.value.mandates.map((m) => [m.id, m.number]) : []);
  return {
    cycle: { id: cycle.id, name: cycle.name },
    secretariat: can(actor, { action: 'disclosure.decide' }),
    canRequest,
    // Only the questions the organization is asked (a State never answers Q7).
    questions: canRequest ? context.services.registration.questionsFor(actor.organizationKind) : [],
    documents: documents?.ok
      ? documents.value.map((d) => ({
          id: d.id,
          fileName: d.fileName,
          mandate: d.mandate,
          indicatorCode: d.indicatorCode,
          question: d.question,
          alreadyRequested: requestedIds.has(d.id),
        }))
      : [],
    maxSize: formatSize(context.services.attachments.maxBytes),
    requests: result.value.map((r) => ({
      id: r.id,
      organizationCode: r.organizationCode,
      scope: r.scope,
      mandate: r.mandateId ? (numberOf.get(r.mandateId) ?? null) : null,
      question: r.question,
      field: r.field,
      attachmentFileName: r.attachmentFileName,
      letter: r.letter,
      letterReference: r.letterReference,
      reason: r.reason,
      decision: r.decision,
      // A request carried over from the previous cycle is a stored fact, said here in the reader's language; the
      // Chair's own note follows as written (issue 15 item 5).
      decisionNote:
        [r.carriedOver ? translate(context.lang, 'nd.carriedOver') : null, r.decisionNote].filter(Boolean).join(' ') ||
        null,
      carriedOver: r.carriedOver,
      chairReplyReference: r.chairReplyReference,
      chairReplyFile: r.chairReplyFile,
      amendUntil: r.amendUntil?.toISOString() ?? null,
      inAmendment: r.inAmendment,
      withdrawnAt: r.withdrawnAt?.toISOString() ?? null,
      releasedAt: r.releasedAt?.toISOString() ?? null,
      requestedAt: r.requestedAt.toISOString(),
      decidedAt: r.decidedAt?.toISOString() ?? null,
    })),
  };
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const failed = (result: Failure) =>
    data(
      { ok: false as const, message: result.message, fieldErrors: fieldErrorsOf(result) },
      { status: statusFor(result) },
    );
  const done = { ok: true as const, message: undefined, fieldErrors: undefined };
  if (isMultipart(request) && new URL(request.url).searchParams.get('intent') === 'decide') {
    // The Chair's decision, with the Chair's reply as an optional file placed after the other fields.
    const input = (fields: Record<string, string>) => ({
      decision: fields.decision?.trim() || undefined,
      chairReply: fields.chairReply?.trim() || undefined,
      note: fields.note?.trim() || undefined,
    });
    let requestId = '';
    const parsed = await parseUploadForm(request, 'chairReplyFile', (fields, reply) => {
      requestId = fields.requestId ?? '';
      return context.services.publication.decide(actor, requestId, input(fields), reply);
    });
    const result =
      parsed.result ??
      (await context.services.publication.decide(actor, parsed.fields.requestId ?? requestId, input(parsed.fields)));
    return result.ok ? done : failed(result);
  }
  if (isMultipart(request)) {
    // A new request, with the letter as an optional file placed after the other fields: the service checks the
    // request before it reads the letter, and a refused letter records nothing.
    const input = (fields: Record<string, string>) => {
      const value = (name: string) => (fields[name]?.trim() ? fields[name].trim() : undefined);
      return {
        scope: value('scope'),
        mandate: value('mandate'),
        question: value('question'),
        field: value('field'),
        attachmentId: value('attachmentId'),
        letterReference: value('letterReference') ?? '',
        reason: value('reason'),
      };
    };
    const cycleId = params.cycleId ?? '';
    const parsed = await parseUploadForm(request, 'letter', (fields, letter) =>
      context.services.publication.requestNonDisclosure(actor, cycleId, input(fields), letter),
    );
    const result =
      parsed.result ?? (await context.services.publication.requestNonDisclosure(actor, cycleId, input(parsed.fields)));
    return result.ok ? done : failed(result);
  }
  const form = await readForm(request);
  const value = (name: string) => {
    const v = form.get(name);
    return typeof v === 'string' && v.trim() ? v.trim() : undefined;
  };
  if (form.get('intent') === 'withdraw') {
    const withdrawn = await context.services.publication.withdrawContent(actor, String(form.get('requestId') ?? ''));
    return withdrawn.ok ? done : failed(withdrawn);
  }
  if (form.get('intent') !== 'decide') throw new Response('Unknown action', { status: 400 });
  const result = await context.services.publication.decide(actor, String(form.get('requestId') ?? ''), {
    decision: value('decision'),
    chairReply: value('chairReply'),
    note: value('note'),
  });
  return result.ok ? done : failed(result);
}

/** The fields each scope needs (the service checks the same): the form shows only those once the page has loaded. */
const FIELDS_OF_SCOPE: Record<string, ReadonlyArray<'mandate' | 'question' | 'field' | 'attachmentId'>> = {
  questionnaire: [],
  mandate: ['mandate'],
  question: ['mandate', 'question'],
  field: ['mandate', 'question', 'field'],
  attachment: ['attachmentId'],
};

export default function Disclosure() {
  const t = useT();
  // Without JavaScript every field shows (the server still says which one is missing); once hydrated, only the
  // fields of the chosen scope do.
  const [scope, setScope] = useState<string | null>(null);
  useEffect(() => setScope((current) => current ?? 'questionnaire'), []);
  const shows = (name: 'mandate' | 'question' | 'field' | 'attachmentId') =>
    scope === null || FIELDS_OF_SCOPE[scope]?.includes(name);
  const { cycle, secretariat, canRequest, questions, documents, maxSize, requests } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const documentLabel = (d: (typeof documents)[number]) =>
    t('att.documentOption', {
      mandate: d.indicatorCode ? `${d.mandate} (${d.indicatorCode})` : d.mandate,
      q: d.question,
      name: d.fileName,
    });
  const offered = documents.filter((d) => !d.alreadyRequested);
  const alreadyRequested = documents.filter((d) => d.alreadyRequested);
  return (
    <section>
      <p>
        <Link to="/questionnaire">← {cycle.name}</Link>
      </p>
      <h1>{t('nd.title')}</h1>
      <p>{t('ndc.intro')}</p>
      {result && !result.ok ? (
        <FormMessage tone="error">{result.fieldErrors ? t('form.checkFields') : result.message}</FormMessage>
      ) : null}
      {requests.length === 0 ? (
        <p className="muted">{t('nd.none')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              {secretariat ? <th scope="col">{t('field.organization')}</th> : null}
              <th scope="col">{t('nd.what')}</th>
              <th scope="col">{t('nd.letter')}</th>
              <th scope="col">{t('nd.requested')}</th>
              <th scope="col">{t('nd.decision')}</th>
            </tr>
          </thead>
          <tbody>
            {requests.map((r) => (
              <tr key={r.id}>
                {secretariat ? <td>{r.organizationCode}</td> : null}
                <td>
                  {t(`nd.scope.${r.scope}`)}
                  {r.mandate ? ` · ${t('nd.row.mandate', { n: r.mandate })}` : ''}
                  {r.question ? ` · ${r.question}` : ''}
                  {r.field ? ` · ${t(`nd.field.${r.field as 'summary' | 'full'}`)}` : ''}
                  {r.attachmentFileName ? ` · ${r.attachmentFileName}` : ''}
                  {r.reason ? <p className="muted">{r.reason}</p> : null}
                </td>
                <td>
                  {r.letterReference}
                  {r.letter ? (
                    <p>
                      <a href={`/attachments/${r.letter.id}`} download>
                        {t('att.letterLink', { name: r.letter.fileName })}
                      </a>
                    </p>
                  ) : null}
                </td>
                <td>
                  <UtcTime value={r.requestedAt} />
                </td>
                <td>
                  {t(r.decision === 'pending' ? 'nd.decision.pending' : `ndc.decision.${r.decision}`)}
                  {r.decidedAt ? (
                    <>
                      {' '}
                      <UtcTime value={r.decidedAt} />
                    </>
                  ) : null}
                  {r.chairReplyReference ? (
                    <p>
                      {t('ndc.replyShown', { ref: r.chairReplyReference })}
                      {r.chairReplyFile ? (
                        <>
                          {' '}
                          <a href={`/attachments/${r.chairReplyFile.id}`} download>
                            {t('ndc.replyLink', { name: r.chairReplyFile.fileName })}
                          </a>
                        </>
                      ) : null}
                    </p>
                  ) : null}
                  {r.decisionNote ? (
                    <p className="muted" data-testid="decision-note">
                      {r.decisionNote}
                    </p>
                  ) : null}
                  {r.inAmendment && r.amendUntil ? (
                    <p data-testid="amend-until">
                      {t('ndc.amendUntil')} <UtcTime value={r.amendUntil} />
                    </p>
                  ) : null}
                  {r.withdrawnAt ? (
                    <p>
                      {t('ndc.withdrawn')} <UtcTime value={r.withdrawnAt} />
                    </p>
                  ) : null}
                  {r.releasedAt ? (
                    <p>
                      {t('ndc.released')} <UtcTime value={r.releasedAt} />
                    </p>
                  ) : null}
                  {canRequest && r.inAmendment ? (
                    <Form method="post" className="inline-form compact">
                      <input type="hidden" name="intent" value="withdraw" />
                      <input type="hidden" name="requestId" value={r.id} />
                      <button type="submit" className="secondary small">
                        {t('ndc.withdraw')}
                      </button>
                    </Form>
                  ) : null}
                  {secretariat && r.decision === 'pending' ? (
                    <Form
                      method="post"
                      action="?intent=decide"
                      encType="multipart/form-data"
                      className="compact"
                      aria-label={t('ndc.recordFor', { ref: r.letterReference })}
                    >
                      <input type="hidden" name="requestId" value={r.id} />
                      <fieldset>
                        <legend>{t('ndc.decisionLegend')}</legend>
                        <label className="choice">
                          <input type="radio" name="decision" value="granted" required />{' '}
                          <span>{t('ndc.grantChoice')}</span>
                        </label>
                        <label className="choice">
                          <input type="radio" name="decision" value="refused" /> <span>{t('ndc.refuseChoice')}</span>
                        </label>
                      </fieldset>
                      <label htmlFor={`reply-${r.id}`}>{t('ndc.reply')}</label>
                      <input id={`reply-${r.id}`} name="chairReply" required aria-describedby={`reply-hint-${r.id}`} />
                      <small id={`reply-hint-${r.id}`} className="muted">
                        {t('ndc.replyHint')}
                      </small>
                      <label htmlFor={`note-${r.id}`}>{t('nd.note')}</label>
                      <input id={`note-${r.id}`} name="note" />
                      {/* Last but the button, so that the server has every other field before it reads the file. */}
                      <label htmlFor={`reply-file-${r.id}`}>{t('ndc.replyFile')}</label>
                      <input
                        id={`reply-file-${r.id}`}
                        name="chairReplyFile"
                        type="file"
                        accept=".pdf,.doc,.docx,.odt,.png,.jpg,.jpeg"
                      />
                      <div className="form-actions">
                        <button type="submit" className="secondary small">
                          {t('ndc.record')}
                        </button>
                      </div>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {canRequest ? (
        <section className="card" aria-labelledby="nd-new">
          <h2 id="nd-new">{t('nd.new')}</h2>
          <Form method="post" encType="multipart/form-data" noValidate>
            <SelectField
              label={t('nd.what')}
              name="scope"
              options={(['questionnaire', 'mandate', 'question', 'field', 'attachment'] as const).map((s) => ({
                value: s,
                label: t(`nd.scope.${s}`),
              }))}
              errors={result?.fieldErrors?.scope}
              onChange={(event) => setScope(event.currentTarget.value)}
            />
            {shows('mandate') ? (
              <Field
                label={t('nd.mandate')}
                name="mandate"
                type="number"
                min={1}
                max={57}
                hint={t('nd.mandateHint')}
                errors={result?.fieldErrors?.mandate}
              />
            ) : null}
            {shows('question') ? (
              <SelectField
                label={t('nd.question')}
                name="question"
                placeholder="—"
                options={questions.map((q) => ({ value: q, label: q }))}
                errors={result?.fieldErrors?.question}
              />
            ) : null}
            {shows('field') ? (
              <SelectField
                label={t('nd.fieldLabel')}
                name="field"
                placeholder="—"
                options={(['summary', 'full'] as const).map((f) => ({ value: f, label: t(`nd.field.${f}`) }))}
                errors={result?.fieldErrors?.field}
              />
            ) : null}
            {shows('attachmentId') ? (
              <>
                <SelectField
                  label={t('att.document')}
                  name="attachmentId"
                  placeholder="—"
                  disabled={!offered.length}
                  options={offered.map((d) => ({ value: d.id, label: documentLabel(d) }))}
                  hint={
                    offered.length ? t('att.documentHint') : documents.length ? t('att.allRequested') : t('att.none')
                  }
                  errors={result?.fieldErrors?.attachmentId}
                />
                {alreadyRequested.length ? (
                  <div className="muted" data-testid="already-requested">
                    <p>{t('att.alreadyRequested')}</p>
                    <ul>
                      {alreadyRequested.map((d) => (
                        <li key={d.id}>{documentLabel(d)}</li>
                      ))}
                    </ul>
                  </div>
                ) : null}
              </>
            ) : null}
            <Field
              label={t('nd.letter')}
              name="letterReference"
              required
              hint={t('nd.letterHint')}
              errors={result?.fieldErrors?.letterReference}
            />
            <Field label={t('nd.reason')} name="reason" errors={result?.fieldErrors?.reason} />
            {/* Last, so that the server has every other field before it reads the file. */}
            <Field
              label={t('att.letterFile')}
              name="letter"
              type="file"
              accept=".pdf,.doc,.docx,.odt,.png,.jpg,.jpeg"
              hint={t('att.letterHint', { max: maxSize })}
              errors={result?.fieldErrors?.letter}
            />
            <button type="submit">{t('nd.submit')}</button>
          </Form>
        </section>
      ) : null}
    </section>
  );
}
