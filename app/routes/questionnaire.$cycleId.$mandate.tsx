import {
  data,
  type ActionFunctionArgs,
  type AppLoadContext,
  type LoaderFunctionArgs,
  type MetaFunction,
} from '@remix-run/node';
import {
  Form,
  type ClientActionFunctionArgs,
  useLocation,
  Link,
  useActionData,
  useBeforeUnload,
  useFetcher,
  useLoaderData,
  useNavigation,
} from '@remix-run/react';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { AttachmentView } from '../../services/registration/attachments.server';
import { ASSISTANCE_TYPES } from '../components/assistance-vocabulary';
import { UtcTime } from '../components/utc-time';
import { DocumentLink, formatSize } from '../components/attachments';
import { LocalTime } from '../components/local-time';
import { FormMessage } from '../components/field';
import { MandateText } from '../components/mandate';
import type { MessageKey } from '../i18n';
import { translate } from '../i18n';
import { notFoundResponse, requireActor, throwFailure } from '../utils/auth.server';
import { pickLocalized, useLang, useT } from '../utils/i18n';
import { isMultipart, parseUploadForm } from '../utils/upload.server';
import { readForm } from '../utils/form.server';
import { statusFor } from '../../services/outcome';
import { can } from '../../services/permissions';
import { pageTitle } from '../utils/page-title';
import { isUnsentSave, sendOrKeep, skipReloadAfterUnsent } from '../utils/unsent-save';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.mandateAnswers');

/*
 * The answers of one mandate: one block of the applicable questions per indicator (or one for the mandate itself when
 * the catalogue has no indicators for it), one form per question, and the documents attached to each answer. Every save names the version it started from;
 * when someone else saved in between, the service refuses it and this page shows both versions side by side.
 */

const LEVELS = ['A', 'B', 'C', 'D'] as const;
type Question = 'Q1' | 'Q2' | 'Q3' | 'Q4' | 'Q5' | 'Q6' | 'Q7';
const takesTypes = (q: string) => q === 'Q4' || q === 'Q5';
/** The service's limits (services/registration): the form stops there, and an error page never echoes more. */
const SUMMARY_MAX = 2_000;
const FULL_MAX = 20_000;
/** Typing pauses this long before an answer saves itself (issue 15). */
const AUTOSAVE_DELAY_MS = 2_000;
/** The page-wide "save every answer now" signal each question's form listens for. */
const SAVE_ALL_EVENT = 'minka:save-all-answers';
/** Element ids: `q-Q2` for a mandate without indicators (as before), `q-1-1-Q2` for indicator 1.1. */
const blockId = (indicator: string, question: string) =>
  indicator ? `q-${indicator.replace(/[^A-Za-z0-9]+/g, '-')}-${question}` : `q-${question}`;
const keyOf = (indicator: string, question: string) => `${indicator}|${question}`;

/** What the file picker offers first; the server still checks the content, whatever the picker let through. */
const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.odp,.csv,.png,.jpg,.jpeg,.gif,.webp';

function mandateNumber(raw: string | undefined): number {
  const n = Number(raw);
  if (!raw || !/^\d{1,3}$/.test(raw) || !Number.isInteger(n) || n < 1)
    throw notFoundResponse('This mandate does not exist.');
  return n;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const number = mandateNumber(params.mandate);
  const result = await context.services.registration.questionnaire(actor, params.cycleId ?? '');
  if (!result.ok) throwFailure(result);
  const { cycle, questionnaire, open, questions, answers } = result.value;
  const commitments = await context.services.catalogue.listCommitments();
  const code = commitments.find((c) => c.id === cycle.commitmentId)?.code;
  if (!code) throw notFoundResponse('The commitment of this cycle is not in the catalogue.');
  const detail = await context.services.catalogue.getMandate(code, number);
  if (!detail.ok) throwFailure(detail);
  const indicators = detail.value.mandate.indicators.map((i) => ({ code: i.code, textEn: i.textEn, textEs: i.textEs }));
  const mine = answers.filter((a) => a.mandate === number);
  const documents = await context.services.attachments.forQuestionnaire(actor, cycle.id);
  if (!documents.ok) throwFailure(documents);
  const attached: Record<string, AttachmentView[]> = {};
  for (const d of documents.value)
    if (d.mandate === number) (attached[keyOf(d.indicatorCode, d.question)] ??= []).push(d);
  // Where a Q4 (assistance needed) or Q7 (cooperation offered) answer went: its request or offer (decision 014).
  const linked = await context.services.answerLinks.linkedToAnswers(
    actor,
    mine.filter((a) => a.question === 'Q4' || a.question === 'Q7').map((a) => a.id),
  );
  const linkOf = (answerId: string) => {
    const l = linked.find((x) => x.answerId === answerId);
    return l ? { kind: l.kind, id: l.id, published: l.published, held: l.held, pendingUpdate: l.pendingUpdate } : null;
  };
  return {
    cycle: { id: cycle.id, name: cycle.name },
    mandate: detail.value.mandate,
    // One block per indicator; '' stands for the mandate itself when the catalogue has no indicators for it.
    units: indicators.length ? indicators : [{ code: '', textEn: null, textEs: null }],
    questions: questions as Question[],
    answers: Object.fromEntries(
      mine.map((a) => [
        keyOf(a.indicatorCode, a.question),
        {
          id: a.id,
          progress: a.progress,
          summary: a.summary,
          full: a.full,
          assistanceTypes: a.assistanceTypes,
          carriedOver: a.carriedOver,
          version: a.version,
          updatedAt: a.updatedAt,
          linked: linkOf(a.id),
        },
      ]),
    ) as Partial<Record<string, StoredAnswer>>,
    attachments: Object.fromEntries(
      Object.entries(attached).map(([k, list]) => [
        k,
        list.map((d) => ({ id: d.id, fileName: d.fileName, mediaType: d.mediaType, sizeBytes: d.sizeBytes })),
      ]),
    ),
    maxSize: formatSize(context.services.attachments.maxBytes),
    editable: open && questionnaire.status !== 'submitted' && can(actor, { action: 'questionnaire.draft' }),
    lockReason:
      questionnaire.status === 'submitted'
        ? ('submitted' as const)
        : open
          ? null
          : Date.now() < cycle.opensAt.getTime()
            ? ('upcoming' as const)
            : ('closed' as const),
  };
}

interface StoredAnswer {
  id: string;
  progress: string | null;
  summary: string;
  full: string;
  assistanceTypes: string[];
  carriedOver: boolean;
  version: number;
  updatedAt: string | Date;
  /** The request (Q4) or offer (Q7) drafted from this answer, if any. */
  linked: LinkedItem | null;
}

interface LinkedItem {
  kind: 'request' | 'offer';
  id: string;
  published: boolean;
  held: boolean;
  pendingUpdate: boolean;
}

/** Under a Q4/Q7 answer: the request or offer it became, whether others see it, and that withheld text stays out. */
function LinkedNotice({ linked }: { linked: LinkedItem }) {
  const t = useT();
  const isRequest = linked.kind === 'request';
  return (
    <div className="form-message info" data-testid="linked-item">
      <p>
        {t(isRequest ? 'link.q.request' : 'link.q.offer')}{' '}
        <Link to={`/cooperation/${isRequest ? 'requests' : 'offers'}/${linked.id}`}>
          {t(isRequest ? 'link.q.openRequest' : 'link.q.openOffer')}
        </Link>
      </p>
      <p>{t(linked.held ? 'link.q.held' : linked.published ? 'link.q.published' : 'link.q.draft')}</p>
      {linked.pendingUpdate ? <p>{t('link.q.pending')}</p> : null}
      <p className="muted">{t('link.q.withheldNote')}</p>
    </div>
  );
}

interface AnswerValues {
  progress: string | null;
  summary: string;
  full: string;
  assistanceTypes: string[];
}

const text = (form: FormData, name: string) => {
  const v = form.get(name);
  return typeof v === 'string' ? v : '';
};

/**
 * The mandate in the address must be one of the cycle's commitment, for a post as for the page: otherwise the answer
 * is this page's 404, not whatever the save would have said first (a closed cycle's 409). An unknown cycle is left
 * to the service, which says so (404) or refuses the reader.
 */
async function requireMandateOfCycle(context: AppLoadContext, cycleId: string, number: number) {
  const cycle = (await context.services.registration.listCycles()).find((c) => c.id === cycleId);
  if (!cycle) return;
  const code = (await context.services.catalogue.listCommitments()).find((c) => c.id === cycle.commitmentId)?.code;
  if (!code) throw notFoundResponse('The commitment of this cycle is not in the catalogue.');
  const detail = await context.services.catalogue.getMandate(code, number);
  if (!detail.ok) throwFailure(detail);
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const actor = { ...requireActor(context, request), ip: context.ip };
  const number = mandateNumber(params.mandate);
  const cycleId = params.cycleId ?? '';
  await requireMandateOfCycle(context, cycleId, number);
  if (isMultipart(request)) {
    // Attaching a document: the fields come before the file, so the service checks everything before reading it.
    const { fields, result } = await parseUploadForm(request, 'file', (f, file) =>
      context.services.attachments.uploadForAnswer(
        actor,
        cycleId,
        { mandate: number, indicator: f.indicator ?? '', question: f.question },
        file,
      ),
    );
    const question = (fields.question ?? '') as Question;
    const indicator = fields.indicator ?? '';
    if (!result)
      return data(
        {
          kind: 'attach_failed' as const,
          question,
          indicator,
          message: translate(context.lang, 'att.failed', { message: 'Choose a file to attach.' }),
        },
        { status: 400 },
      );
    if (result.ok)
      return {
        kind: 'attached' as const,
        question,
        indicator,
        message: translate(context.lang, 'att.attached', { name: result.value.fileName }),
      };
    if (result.kind === 'not_found') throwFailure(result);
    return data(
      {
        kind: 'attach_failed' as const,
        question,
        indicator,
        message: translate(context.lang, 'att.failed', { message: result.message }),
      },
      { status: statusFor(result) },
    );
  }
  const form = await readForm(request);
  if (form.get('intent') === 'remove') {
    const question = text(form, 'question') as Question;
    const indicator = text(form, 'indicator');
    const result = await context.services.attachments.remove(actor, text(form, 'attachmentId'));
    if (result.ok)
      return {
        kind: 'removed' as const,
        question,
        indicator,
        message: translate(context.lang, 'att.removed', { name: result.value.fileName }),
      };
    return data(
      { kind: 'attach_failed' as const, question, indicator, message: result.message },
      { status: statusFor(result) },
    );
  }
  if (form.get('intent') !== 'save') throw new Response('Unknown action', { status: 400 });
  const indicator = text(form, 'indicator');
  const question = text(form, 'question') as Question;
  const values: AnswerValues = {
    progress: text(form, 'progress') || null,
    summary: text(form, 'summary'),
    full: text(form, 'full'),
    assistanceTypes: form.getAll('assistanceTypes').filter((v): v is string => typeof v === 'string'),
  };
  const baseVersion = text(form, 'baseVersion');
  const result = await context.services.registration.saveAnswer(actor, cycleId, {
    mandate: number,
    indicator,
    question,
    ...(question === 'Q1' ? { progress: values.progress } : {}),
    summary: values.summary,
    full: values.full,
    assistanceTypes: values.assistanceTypes,
    baseVersion: baseVersion === '' ? undefined : baseVersion,
  });
  if (result.ok)
    return {
      kind: 'saved' as const,
      question,
      indicator,
      version: result.value.version,
      savedAt: new Date().toISOString(),
      message: translate(context.lang, 'q.saved', {
        q: translate(context.lang, `q.code.${question}` as MessageKey),
        v: result.value.version,
      }),
    };
  if ('theirs' in result) {
    const theirs = result.theirs;
    return data(
      {
        kind: 'conflict' as const,
        question,
        indicator,
        message: result.message,
        theirs: {
          version: theirs.version,
          progress: theirs.progress,
          summary: theirs.summary,
          full: theirs.full,
          assistanceTypes: theirs.assistanceTypes,
          updatedAt: theirs.updatedAt,
        },
        mine: {
          progress: result.mine.progress ?? null,
          summary: result.mine.summary,
          full: result.mine.full,
          assistanceTypes: result.mine.assistanceTypes,
        } satisfies AnswerValues,
      },
      { status: 409 },
    );
  }
  if (result.kind === 'not_found') throwFailure(result);
  const fieldErrors = result.kind === 'invalid' ? result.fieldErrors : undefined;
  // Sent back so nothing typed is lost, but never more than the form accepts (a 10 MB paste once came back twice).
  const echoed: AnswerValues = {
    ...values,
    summary: values.summary.slice(0, SUMMARY_MAX),
    full: values.full.slice(0, FULL_MAX),
    assistanceTypes: values.assistanceTypes.slice(0, ASSISTANCE_TYPES.length),
  };
  return data(
    { kind: 'failed' as const, question, indicator, message: result.message, values: echoed, fieldErrors },
    { status: statusFor(result) },
  );
}

// After an unsent save the page keeps what it shows (no reload that would fail or redirect).
export const shouldRevalidate = skipReloadAfterUnsent;

/** The hidden field that marks a save sent by an answer form's fetcher (see clientAction). */
const FETCHER_SAVE = 'fetcherSave';

/**
 * With JavaScript, an answer form's save that never gets the action's answer keeps the page and the text (outside
 * probe 3). Before, a dropped connection or a proxy's 502/503 replaced the whole mandate with the error page, and a
 * session that had ended sent the person to the login page; both threw away what was being typed. Such a save now
 * comes back to its form as `unsent`: the text stays, the form says why and stays unsaved (leaving asks first), and
 * it is saved again on the next keystroke, on Save, or when the browser is back online. Everything else (the
 * action's own answers and refusals, other redirects, uploads, the conflict form) goes to Remix unchanged.
 */
export async function clientAction({ request, serverAction }: ClientActionFunctionArgs) {
  const multipart = (request.headers.get('Content-Type') ?? '').startsWith('multipart/form-data');
  const form = multipart ? null : await request.clone().formData();
  if (form?.get(FETCHER_SAVE) !== '1') return serverAction<typeof action>();
  const question = String(form.get('question') ?? '') as Question;
  const indicator = String(form.get('indicator') ?? '');
  const reply = await sendOrKeep(() => serverAction<typeof action>());
  return isUnsentSave(reply) ? { ...reply, question, indicator } : reply;
}

function ErrorList({ id, errors }: { id: string; errors?: string[] }) {
  if (!errors?.length) return null;
  return (
    <ul id={id} className="field-errors">
      {errors.map((e) => (
        <li key={e}>{e}</li>
      ))}
    </ul>
  );
}

/** The editable fields of one answer. */
function AnswerFields({
  question,
  values,
  errors,
}: {
  question: Question;
  values: AnswerValues;
  errors: Record<string, string[]>;
}) {
  const t = useT();
  const id = useId();
  const typeErrors = Object.entries(errors)
    .filter(([k]) => k.startsWith('assistanceTypes'))
    .flatMap(([, v]) => v);
  return (
    <>
      {question === 'Q1' ? (
        <fieldset
          className="field-group"
          aria-invalid={errors.progress?.length ? true : undefined}
          aria-describedby={errors.progress?.length ? `${id}-progress-error` : undefined}
        >
          <legend>{t('q.field.progress')}</legend>
          <div className="choices">
            {LEVELS.map((level) => (
              <label key={level} className="choice">
                <input type="radio" name="progress" value={level} defaultChecked={values.progress === level} required />
                <span>
                  <span aria-hidden="true" className="level-letter">
                    {level}.
                  </span>{' '}
                  {t(`q.level.${level}`)}
                </span>
              </label>
            ))}
          </div>
          <ErrorList id={`${id}-progress-error`} errors={errors.progress} />
        </fieldset>
      ) : null}
      <div className="field">
        <label htmlFor={`${id}-summary`}>{t('q.field.summary')}</label>
        <p id={`${id}-summary-hint`} className="hint">
          {t('q.field.summaryHint')}
        </p>
        <textarea
          id={`${id}-summary`}
          name="summary"
          rows={3}
          maxLength={SUMMARY_MAX}
          defaultValue={values.summary}
          aria-invalid={errors.summary?.length ? true : undefined}
          aria-describedby={[`${id}-summary-hint`, errors.summary?.length ? `${id}-summary-error` : '']
            .filter(Boolean)
            .join(' ')}
        />
        <ErrorList id={`${id}-summary-error`} errors={errors.summary} />
      </div>
      <div className="field">
        <label htmlFor={`${id}-full`}>{t('q.field.full')}</label>
        <p id={`${id}-full-hint`} className="hint">
          {t('q.field.fullHint')}
        </p>
        <textarea
          id={`${id}-full`}
          name="full"
          rows={6}
          maxLength={FULL_MAX}
          defaultValue={values.full}
          aria-invalid={errors.full?.length ? true : undefined}
          aria-describedby={[`${id}-full-hint`, errors.full?.length ? `${id}-full-error` : '']
            .filter(Boolean)
            .join(' ')}
        />
        <ErrorList id={`${id}-full-error`} errors={errors.full} />
      </div>
      {takesTypes(question) ? (
        <fieldset
          className="field-group"
          aria-invalid={typeErrors.length ? true : undefined}
          aria-describedby={typeErrors.length ? `${id}-types-error` : undefined}
        >
          <legend>{t('q.field.assistanceTypes')}</legend>
          <div className="choices">
            {ASSISTANCE_TYPES.map((type) => (
              <label key={type} className="choice">
                <input
                  type="checkbox"
                  name="assistanceTypes"
                  value={type}
                  defaultChecked={values.assistanceTypes.includes(type)}
                />
                <span>{t(`coop.type.${type}`)}</span>
              </label>
            ))}
          </div>
          <ErrorList id={`${id}-types-error`} errors={typeErrors} />
        </fieldset>
      ) : null}
    </>
  );
}

/** An answer shown read-only (locked questionnaire, or one side of a conflict). */
function AnswerView({ question, values }: { question: Question; values: AnswerValues }) {
  const t = useT();
  return (
    <dl className="facts answer-view">
      {question === 'Q1' ? (
        <>
          <dt>{t('q.field.progress')}</dt>
          <dd>{values.progress ? `${values.progress}. ${t(`q.level.${values.progress as 'A'}`)}` : t('q.empty')}</dd>
        </>
      ) : null}
      <dt>{t('q.field.summary')}</dt>
      <dd className="description">{values.summary || t('q.empty')}</dd>
      <dt>{t('q.field.full')}</dt>
      <dd className="description">{values.full || t('q.empty')}</dd>
      {takesTypes(question) ? (
        <>
          <dt>{t('q.field.assistanceTypes')}</dt>
          <dd>
            {values.assistanceTypes.length
              ? values.assistanceTypes.map((type) => t(`coop.type.${type as 'other'}`)).join('; ')
              : t('q.empty')}
          </dd>
        </>
      ) : null}
    </dl>
  );
}

type ActionResult = NonNullable<ReturnType<typeof useActionData<typeof action>>>;
type ConflictResult = Extract<ActionResult, { kind: 'conflict' }>;

function ConflictView({
  question,
  indicator,
  conflict,
}: {
  question: Question;
  indicator: string;
  conflict: ConflictResult;
}) {
  const t = useT();
  const q = t(`q.code.${question}`);
  const id = blockId(indicator, question);
  return (
    <div className="conflict" role="group" aria-labelledby={`conflict-${id}`}>
      <div className="form-message error" role="alert">
        <h4 id={`conflict-${id}`}>{t('q.conflict.title', { q })}</h4>
        <p>{t('q.conflict.body')}</p>
      </div>
      <div className="conflict-columns">
        <section className="conflict-side theirs" aria-labelledby={`theirs-${id}`}>
          <h4 id={`theirs-${id}`}>{t('q.conflict.theirs', { v: conflict.theirs.version })}</h4>
          <p className="muted">
            {t('q.lastSaved')} <UtcTime value={conflict.theirs.updatedAt} />
          </p>
          <AnswerView question={question} values={conflict.theirs} />
          <Form method="get">
            <input type="hidden" name="took" value={question} />
            <button type="submit" className="secondary">
              {t('q.conflict.takeTheirs')}
            </button>
          </Form>
        </section>
        <section className="conflict-side mine" aria-labelledby={`mine-${id}`}>
          <h4 id={`mine-${id}`}>{t('q.conflict.mine')}</h4>
          <AnswerView question={question} values={conflict.mine} />
        </section>
      </div>
      <Form method="post" className="answer-form" aria-label={t('q.conflict.editMine')}>
        <h4>{t('q.conflict.editMine')}</h4>
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="question" value={question} />
        <input type="hidden" name="indicator" value={indicator} />
        <input type="hidden" name="baseVersion" value={conflict.theirs.version} />
        <AnswerFields question={question} values={conflict.mine} errors={{}} />
        <div className="form-actions">
          <button type="submit">{t('q.conflict.keepMine')}</button>
        </div>
      </Form>
    </div>
  );
}

interface AttachedFile {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
}

/** The documents of one answer: download links, and for editors a remove button and an upload form. */
function Attachments({
  question,
  indicator,
  answer,
  files,
  editable,
  maxSize,
  result,
}: {
  question: Question;
  indicator: string;
  answer: StoredAnswer | undefined;
  files: AttachedFile[];
  editable: boolean;
  maxSize: string;
  result: ActionResult | undefined;
}) {
  const t = useT();
  const id = useId();
  const navigation = useNavigation();
  const busy =
    navigation.state === 'submitting' &&
    navigation.formData?.get('question') === question &&
    (navigation.formData?.get('indicator') ?? '') === indicator &&
    navigation.formEncType === 'multipart/form-data';
  const mine =
    result && (result.kind === 'attached' || result.kind === 'removed' || result.kind === 'attach_failed')
      ? result
      : undefined;
  if (!editable && !files.length) return null;
  return (
    <section className="attachments" aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>{t('att.title')}</h4>
      {mine ? (
        <FormMessage tone={mine.kind === 'attach_failed' ? 'error' : 'success'}>{mine.message}</FormMessage>
      ) : null}
      {files.length ? (
        <ul className="attachment-list">
          {files.map((f) => (
            <li key={f.id}>
              <DocumentLink file={f} label={t('att.download', { name: f.fileName })} />
              {editable ? (
                <Form method="post" className="inline-form compact">
                  <input type="hidden" name="intent" value="remove" />
                  <input type="hidden" name="question" value={question} />
                  <input type="hidden" name="indicator" value={indicator} />
                  <input type="hidden" name="attachmentId" value={f.id} />
                  <button
                    type="submit"
                    className="secondary small"
                    aria-label={t('att.removeLabel', { name: f.fileName })}
                  >
                    {t('att.remove')}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('att.none')}</p>
      )}
      {editable ? (
        answer ? (
          <Form method="post" encType="multipart/form-data" className="attach-form">
            {/* The fields come before the file: the server reads them first and checks before storing a byte. */}
            <input type="hidden" name="question" value={question} />
            <input type="hidden" name="indicator" value={indicator} />
            <div className="field">
              <label htmlFor={`${id}-file`}>{t('att.fileLabel', { q: t(`q.code.${question}`) })}</label>
              <p id={`${id}-file-hint`} className="hint">
                {t('att.hint', { max: maxSize })}
              </p>
              <input
                id={`${id}-file`}
                type="file"
                name="file"
                accept={ACCEPT}
                required
                aria-describedby={`${id}-file-hint`}
              />
            </div>
            <div className="form-actions">
              <button type="submit" className="secondary" disabled={busy}>
                {busy ? t('att.uploading') : t('att.upload')}
              </button>
            </div>
          </Form>
        ) : (
          <p className="muted">{t('att.saveFirst')}</p>
        )
      ) : null}
    </section>
  );
}

/**
 * One answer's form (issue 15): it saves itself two seconds after typing stops, says when it last saved ("Saved at
 * 10:42"), warns before leaving the page with unsaved text, and saves at once when the page asks every answer to
 * (the "Save all" button). Saves go through a fetcher, so the text being typed is never replaced by a reload; the
 * base version travels with each save, and when someone else saved meanwhile the usual side-by-side comparison shows.
 * Without JavaScript it is the same form, posted by its Save button.
 */
function AnswerForm({
  question,
  indicator,
  answer,
  values,
  failed,
  busy,
  headingId,
}: {
  question: Question;
  indicator: string;
  answer: StoredAnswer | undefined;
  values: AnswerValues;
  failed: Extract<ActionResult, { kind: 'failed' }> | undefined;
  busy: boolean;
  headingId: string;
}) {
  const t = useT();
  const fetcher = useFetcher<typeof clientAction>();
  const formRef = useRef<HTMLFormElement>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  // Edits counted, and the count at the last save sent: typing during a save keeps the form unsaved.
  const edits = useRef(0);
  const sentAt = useRef(0);
  const [dirty, setDirty] = useState(false);
  const [conflict, setConflict] = useState<ConflictResult | null>(null);
  const reply =
    fetcher.data && fetcher.data.question === question && (fetcher.data.indicator ?? '') === indicator
      ? fetcher.data
      : undefined;
  // Versions this form saved itself: the page's data catching up with them must not reset what is being typed.
  const own = useRef(new Set<number>());
  const [formKey, setFormKey] = useState(answer?.version ?? 0);
  const storedVersion = answer?.version ?? 0;
  useEffect(() => {
    if (storedVersion !== formKey && !own.current.has(storedVersion)) {
      // After a conflict the page revalidates and brings the version we conflicted with: that must not close the
      // conflict and replace what the person typed. A later version (their "Keep mine", someone's new save) does.
      if (conflict && storedVersion <= conflict.theirs.version) return;
      setFormKey(storedVersion);
      setConflict(null);
    }
  }, [storedVersion, formKey, conflict]);
  // "Take theirs" is a navigation (GET ?took=…): it closes the conflict and the form shows their version.
  const { key: locationKey, pathname } = useLocation();
  useEffect(() => setConflict(null), [locationKey]);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  const saveNow = useCallback(() => {
    clearTimeout(timer.current);
    const form = formRef.current;
    if (!form) return;
    // One save at a time: the next goes once this one has its new version.
    if (fetcherRef.current.state !== 'idle') {
      timer.current = setTimeout(saveNow, 300);
      return;
    }
    sentAt.current = edits.current;
    fetcherRef.current.submit(form, { method: 'post' });
  }, []);

  useEffect(() => {
    if (!reply || fetcher.state !== 'idle') return;
    if (reply.kind === 'saved') {
      own.current.add(reply.version);
      if (edits.current === sentAt.current) setDirty(false);
    } else if (reply.kind === 'conflict') {
      clearTimeout(timer.current);
      setConflict(reply);
    } else if (reply.kind === 'unsent') {
      // Nothing was saved: the form stays unsaved, so "Save all" and leaving the page treat it so.
      sentAt.current = -1;
      setDirty(true);
    }
  }, [reply, fetcher.state]);

  // Back online after a save the network lost: try again.
  const lostOnNetwork = reply?.kind === 'unsent' && reply.reason === 'network' && fetcher.state === 'idle';
  useEffect(() => {
    if (!lostOnNetwork) return;
    window.addEventListener('online', saveNow);
    return () => window.removeEventListener('online', saveNow);
  }, [lostOnNetwork, saveNow]);

  useEffect(() => {
    const onSaveAll = () => {
      if (edits.current !== sentAt.current || dirty) saveNow();
    };
    window.addEventListener(SAVE_ALL_EVENT, onSaveAll);
    return () => window.removeEventListener(SAVE_ALL_EVENT, onSaveAll);
  }, [dirty, saveNow]);
  useEffect(() => () => clearTimeout(timer.current), []);

  useBeforeUnload(
    useCallback(
      (event: BeforeUnloadEvent) => {
        if (!dirty) return;
        event.preventDefault();
        // Older browsers show the dialog only when returnValue is set.
        event.returnValue = '';
      },
      [dirty],
    ),
  );

  if (conflict) return <ConflictView question={question} indicator={indicator} conflict={conflict} />;
  const version = Math.max(storedVersion, reply?.kind === 'saved' ? reply.version : 0);
  const fetcherFailed = reply?.kind === 'failed' ? reply : undefined;
  const unsent = reply?.kind === 'unsent' ? reply : undefined;
  const saving = fetcher.state !== 'idle';
  return (
    <fetcher.Form
      ref={formRef}
      method="post"
      className="answer-form"
      noValidate
      key={`${formKey}-${failed ? 'failed' : 'stored'}`}
      aria-labelledby={headingId}
      onChange={() => {
        edits.current += 1;
        setDirty(true);
        clearTimeout(timer.current);
        timer.current = setTimeout(saveNow, AUTOSAVE_DELAY_MS);
      }}
      onSubmit={() => {
        clearTimeout(timer.current);
        sentAt.current = edits.current;
      }}
    >
      {failed ? <FormMessage tone="error">{failed.message}</FormMessage> : null}
      {reply?.kind === 'saved' && !dirty && !saving ? <FormMessage tone="success">{reply.message}</FormMessage> : null}
      {unsent?.reason === 'session' && !saving ? (
        <FormMessage tone="error">
          {t('q.autosave.unsentSession')}{' '}
          <a href={`/login?redirectTo=${encodeURIComponent(pathname)}`} target="_blank" rel="noopener noreferrer">
            {t('q.autosave.logInNewTab')}
          </a>
        </FormMessage>
      ) : null}
      <input type="hidden" name="intent" value="save" />
      <input type="hidden" name={FETCHER_SAVE} value="1" />
      <input type="hidden" name="question" value={question} />
      <input type="hidden" name="indicator" value={indicator} />
      <input type="hidden" name="baseVersion" value={version} />
      <AnswerFields
        question={question}
        values={values}
        errors={fetcherFailed?.fieldErrors ?? failed?.fieldErrors ?? {}}
      />
      <div className="form-actions">
        <button type="submit" disabled={busy || saving}>
          {t('q.save', { q: t(`q.code.${question}`) })}
        </button>{' '}
        <span
          className={fetcherFailed || unsent ? 'autosave-state field-errors' : 'autosave-state muted'}
          role="status"
          aria-live="polite"
        >
          {saving ? (
            t('q.autosave.saving')
          ) : fetcherFailed ? (
            t('q.autosave.failed', { message: fetcherFailed.message })
          ) : unsent ? (
            t(unsent.reason === 'session' ? 'q.autosave.unsentSessionShort' : 'q.autosave.unsentNetwork')
          ) : dirty ? (
            t('q.autosave.unsaved')
          ) : reply?.kind === 'saved' ? (
            <>
              {t('q.autosave.savedAt')} <LocalTime value={reply.savedAt} />
            </>
          ) : null}
        </span>
      </div>
    </fetcher.Form>
  );
}

/** "Save all": every answer of the mandate with unsaved changes saves now (each through its own form, as above). */
function SaveAll() {
  const t = useT();
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  // Without JavaScript each question keeps its own Save button; this one needs the page's script.
  if (!hydrated) return null;
  return (
    <div className="save-all">
      <button type="button" className="secondary" onClick={() => window.dispatchEvent(new Event(SAVE_ALL_EVENT))}>
        {t('q.autosave.saveAll')}
      </button>
      <p className="hint">{t('q.autosave.hint')}</p>
    </div>
  );
}

function QuestionBlock({
  question,
  indicator,
  answer,
  files,
  editable,
  maxSize,
  result,
}: {
  question: Question;
  indicator: string;
  answer: StoredAnswer | undefined;
  files: AttachedFile[];
  editable: boolean;
  maxSize: string;
  result: ActionResult | undefined;
}) {
  const t = useT();
  const navigation = useNavigation();
  const id = blockId(indicator, question);
  const mine = result?.question === question && (result.indicator ?? '') === indicator ? result : undefined;
  const busy =
    navigation.state === 'submitting' &&
    navigation.formData?.get('question') === question &&
    (navigation.formData?.get('indicator') ?? '') === indicator;
  const stored: AnswerValues = answer ?? { progress: null, summary: '', full: '', assistanceTypes: [] };
  const failed = mine?.kind === 'failed' ? mine : undefined;
  return (
    <section className="question card" id={id} aria-labelledby={`heading-${id}`}>
      <h3 id={`heading-${id}`}>
        {indicator ? `${indicator} · ` : ''}
        {t(`q.question.${question}`)}
      </h3>
      <p className="muted">
        {answer ? (
          <>
            {t('q.version', { v: answer.version })} · {t('q.lastSaved')} <UtcTime value={answer.updatedAt} />
            {answer.carriedOver ? <span className="badge carried">{t('q.carriedOver')}</span> : null} ·{' '}
            <Link to={`/questionnaire/answers/${answer.id}/history`}>{t('q.history')}</Link>
          </>
        ) : (
          t('q.notAnswered')
        )}
      </p>
      {mine?.kind === 'saved' ? <FormMessage tone="success">{mine.message}</FormMessage> : null}
      {answer?.linked ? <LinkedNotice linked={answer.linked} /> : null}
      {mine?.kind === 'conflict' ? (
        <ConflictView question={question} indicator={indicator} conflict={mine} />
      ) : editable ? (
        <AnswerForm
          question={question}
          indicator={indicator}
          answer={answer}
          values={failed?.values ?? stored}
          failed={failed}
          busy={busy}
          headingId={`heading-${id}`}
        />
      ) : answer ? (
        <AnswerView question={question} values={stored} />
      ) : null}
      <Attachments
        question={question}
        indicator={indicator}
        answer={answer}
        files={files}
        editable={editable}
        maxSize={maxSize}
        result={mine}
      />
    </section>
  );
}

export default function MandateAnswers() {
  const t = useT();
  const lang = useLang();
  const { cycle, mandate, units, questions, answers, attachments, maxSize, editable, lockReason } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const blocks = (code: string) =>
    questions.map((q) => (
      <QuestionBlock
        key={keyOf(code, q)}
        question={q}
        indicator={code}
        answer={answers[keyOf(code, q)]}
        files={attachments[keyOf(code, q)] ?? []}
        editable={editable}
        maxSize={maxSize}
        result={result}
      />
    ));
  return (
    <section className="mandate-answers">
      <p>
        <Link to={`/questionnaire/${cycle.id}`}>{t('q.backToQuestionnaire')}</Link>
      </p>
      <h1>{t('q.mandateTitle', { n: mandate.number })}</h1>
      <p className="muted">{t('q.questionnaireOf', { cycle: cycle.name })}</p>
      {lockReason ? <FormMessage tone="info">{t(`q.readOnly.${lockReason}`)}</FormMessage> : null}
      {editable ? <SaveAll /> : null}
      <section className="section-block mandate" aria-labelledby="official-text">
        <h2 id="official-text">{t('q.officialText')}</h2>
        <MandateText mandate={mandate} />
      </section>
      {units.length === 1 && units[0].code === '' ? (
        blocks('')
      ) : (
        <>
          <p>{t('ind.intro', { n: units.length })}</p>
          {units.map((unit) => {
            const text = pickLocalized(lang, unit.textEn, unit.textEs);
            const headingId = `indicator-${unit.code.replace(/[^A-Za-z0-9]+/g, '-')}`;
            return (
              <section key={unit.code} className="indicator-block" aria-labelledby={headingId}>
                <h2 id={headingId}>{t('ind.heading', { code: unit.code })}</h2>
                {text.text ? <p lang={text.lang}>{text.text}</p> : <p className="muted">{t('ind.textMissing')}</p>}
                {blocks(unit.code)}
              </section>
            );
          })}
        </>
      )}
    </section>
  );
}
