import { Form, Link } from '@remix-run/react';
import { useId, useState } from 'react';
import type { MessageKey } from '../i18n';
import { Field, FormMessage, TextAreaField } from './field';
import { useT } from '../utils/i18n';

/*
 * One form for assistance requests and cooperation offers, plus the small helpers the cooperation pages share.
 * The lists mirror the services' validation (services/cooperation/common.server.ts); the services stay the check.
 */

export const ASSISTANCE_TYPES = [
  'legislative',
  'institutions',
  'policy_design',
  'capacity_building',
  'data',
  'international_cooperation',
  'other',
] as const;
export const WORKING_LANGUAGES = ['en', 'es', 'fr', 'pt'] as const;
export const MODALITIES = ['in_person', 'virtual', 'either'] as const;
export const MANDATE_NUMBERS = Array.from({ length: 57 }, (_, i) => i + 1);
/** Mirrors services/cooperation/common.server.ts MAX_DESCRIPTION. */
export const MAX_DESCRIPTION = 5000;

export type CooperationKind = 'request' | 'offer';

/** What the user typed, kept as strings so a failed submission shows it back unchanged. */
export interface CooperationValues {
  title: string;
  description: string;
  mandates: string[];
  types: string[];
  languages: string[];
  modality: string;
  neededFrom: string;
  neededTo: string;
  capacity: string;
  funding: string;
  validFrom: string;
  validTo: string;
}

export const EMPTY_VALUES: CooperationValues = {
  title: '',
  description: '',
  mandates: [],
  types: [],
  languages: [],
  modality: '',
  neededFrom: '',
  neededTo: '',
  capacity: '',
  funding: '',
  validFrom: '',
  validTo: '',
};

const text = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};
const list = (form: FormData, name: string) => form.getAll(name).filter((v): v is string => typeof v === 'string');

/** Reads the posted form (arrays as repeated fields) into the kept values. */
export function readCooperationForm(form: FormData): CooperationValues {
  return {
    title: text(form, 'title'),
    description: text(form, 'description'),
    mandates: list(form, 'mandates'),
    types: list(form, 'types'),
    languages: list(form, 'languages'),
    modality: text(form, 'modality'),
    neededFrom: text(form, 'neededFrom'),
    neededTo: text(form, 'neededTo'),
    capacity: text(form, 'capacity'),
    funding: text(form, 'funding'),
    validFrom: text(form, 'validFrom'),
    validTo: text(form, 'validTo'),
  };
}

/** The service input for a request or an offer; the service validates and coerces it. */
export function toServiceInput(kind: CooperationKind, v: CooperationValues): Record<string, unknown> {
  const common = {
    title: v.title,
    description: v.description,
    mandates: v.mandates,
    types: v.types,
    languages: v.languages,
    modality: v.modality,
  };
  if (kind === 'request') return { ...common, neededFrom: v.neededFrom, neededTo: v.neededTo };
  return {
    ...common,
    capacity: v.capacity === '' ? undefined : v.capacity,
    funding: v.funding,
    validFrom: v.validFrom,
    validTo: v.validTo,
  };
}

interface Stored {
  title: string;
  description: string;
  mandates: number[];
  types: string[];
  languages: string[];
  modality: string;
  neededFrom?: string | null;
  neededTo?: string | null;
  capacity?: number;
  funding?: string | null;
  validFrom?: string | null;
  validTo?: string | null;
}

/** Values of a stored request or offer, for the edit form. */
export function valuesFrom(item: Stored): CooperationValues {
  return {
    title: item.title,
    description: item.description,
    mandates: item.mandates.map(String),
    types: [...item.types],
    languages: [...item.languages],
    modality: item.modality,
    neededFrom: item.neededFrom ?? '',
    neededTo: item.neededTo ?? '',
    capacity: item.capacity === undefined ? '' : String(item.capacity),
    funding: item.funding ?? '',
    validFrom: item.validFrom ?? '',
    validTo: item.validTo ?? '',
  };
}

/** Service errors are keyed by dotted path ("mandates.0"); the form shows them on the field ("mandates"). */
export function groupFieldErrors(errors: Record<string, string[]> | undefined): Record<string, string[]> {
  const grouped: Record<string, string[]> = {};
  for (const [key, messages] of Object.entries(errors ?? {})) {
    const field = key.split('.')[0];
    grouped[field] = [...new Set([...(grouped[field] ?? []), ...messages])];
  }
  return grouped;
}

/** A timestamp with its time zone said explicitly: "2027-03-31 14:05 UTC". */
export function formatUtc(value: string | Date | null | undefined): string | null {
  if (!value) return null;
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return null;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export function UtcTime({ value }: { value: string | Date | null | undefined }) {
  const label = formatUtc(value);
  if (!label || !value) return null;
  return <time dateTime={new Date(value).toISOString()}>{label}</time>;
}

type StatusKind = 'request' | 'offer' | 'match';

/** A status in words (colour only adds to it). */
export function StatusBadge({ kind, status }: { kind: StatusKind; status: string }) {
  const t = useT();
  return (
    <span className={`badge status status-${status}`} data-status={status}>
      {t(`coop.status.${kind}.${status}` as MessageKey)}
    </span>
  );
}

/** A request's status: a draft (not published) is shown as such whatever its workflow status. */
export function requestStatus(r: { status: string; publishedAt: string | Date | null }) {
  return !r.publishedAt && r.status === 'open' ? 'draft' : r.status;
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

function describedBy(...ids: Array<string | false | 0 | undefined>) {
  return ids.filter(Boolean).join(' ') || undefined;
}

interface CheckboxGroupProps {
  legend: string;
  name: string;
  options: Array<{ value: string; label: string; lang?: string }>;
  selected: string[];
  errors?: string[];
  hint?: string;
  className?: string;
}

function CheckboxGroup({ legend, name, options, selected, errors, hint, className }: CheckboxGroupProps) {
  const id = useId();
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <fieldset
      className={`field-group ${className ?? ''}`}
      aria-describedby={describedBy(hint && hintId, errors?.length && errorId)}
      aria-invalid={errors?.length ? true : undefined}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <div className="choices">
        {options.map((o) => (
          <label key={o.value} className="choice">
            <input type="checkbox" name={name} value={o.value} defaultChecked={selected.includes(o.value)} />
            <span lang={o.lang}>{o.label}</span>
          </label>
        ))}
      </div>
      <ErrorList id={errorId} errors={errors} />
    </fieldset>
  );
}

interface InputProps {
  label: string;
  name: keyof CooperationValues;
  values: CooperationValues;
  errors: Record<string, string[]>;
  type?: string;
  hint?: string;
  min?: number;
  max?: number;
  required?: boolean;
}

function Input({ label, name, values, errors, type = 'text', hint, min, max, required }: InputProps) {
  const id = useId();
  const fieldErrors = errors[name];
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
      <input
        id={id}
        name={name}
        type={type}
        min={min}
        max={max}
        required={required}
        defaultValue={values[name] as string}
        aria-invalid={fieldErrors?.length ? true : undefined}
        aria-describedby={describedBy(hint && hintId, fieldErrors?.length && errorId)}
      />
      <ErrorList id={errorId} errors={fieldErrors} />
    </div>
  );
}

export interface CooperationFormProps {
  kind: CooperationKind;
  values?: CooperationValues;
  fieldErrors?: Record<string, string[]>;
  message?: string;
  /** Shows "Save and publish" beside "Save draft" (new items) or a single "Save changes" (edits). */
  mode: 'create' | 'edit';
  canPublish?: boolean;
  intent?: string;
}

export function CooperationForm({
  kind,
  values = EMPTY_VALUES,
  fieldErrors,
  message,
  mode,
  canPublish,
  intent = 'save',
}: CooperationFormProps) {
  const t = useT();
  const errors = groupFieldErrors(fieldErrors);
  const [length, setLength] = useState(values.description.length);
  const descriptionId = useId();
  const counterId = `${descriptionId}-counter`;
  const descriptionErrorId = `${descriptionId}-error`;
  const modalityId = useId();
  const over = length > MAX_DESCRIPTION;
  const formErrors = errors._form;
  return (
    <Form
      method="post"
      noValidate
      className="cooperation-form"
      aria-label={t(kind === 'request' ? 'coop.form.requestLabel' : 'coop.form.offerLabel')}
    >
      {message ? (
        <FormMessage tone="error">
          {message}
          {formErrors?.length ? (
            <ul>
              {formErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          ) : null}
        </FormMessage>
      ) : null}
      <Input label={t('coop.field.title')} name="title" values={values} errors={errors} required />

      <div className="field">
        <label htmlFor={descriptionId}>{t('coop.field.description')}</label>
        <textarea
          id={descriptionId}
          name="description"
          rows={6}
          required
          defaultValue={values.description}
          onChange={(e) => setLength(e.currentTarget.value.length)}
          aria-invalid={errors.description?.length ? true : undefined}
          aria-describedby={describedBy(counterId, errors.description?.length && descriptionErrorId)}
        />
        <p id={counterId} className={`hint counter${over ? ' over' : ''}`}>
          {t('coop.form.counter', { n: length, max: MAX_DESCRIPTION })}
        </p>
        <ErrorList id={descriptionErrorId} errors={errors.description} />
      </div>

      <CheckboxGroup
        legend={t('coop.field.mandates')}
        hint={t('coop.form.mandatesHint')}
        name="mandates"
        className="mandate-choices"
        options={MANDATE_NUMBERS.map((n) => ({ value: String(n), label: String(n) }))}
        selected={values.mandates}
        errors={errors.mandates}
      />

      <CheckboxGroup
        legend={t('coop.field.types')}
        name="types"
        options={ASSISTANCE_TYPES.map((type) => ({ value: type, label: t(`coop.type.${type}`) }))}
        selected={values.types}
        errors={errors.types}
      />

      <CheckboxGroup
        legend={t('coop.field.languages')}
        name="languages"
        options={WORKING_LANGUAGES.map((code) => ({ value: code, label: t(`coop.lang.${code}`) }))}
        selected={values.languages}
        errors={errors.languages}
      />

      <fieldset
        className="field-group"
        aria-describedby={errors.modality?.length ? `${modalityId}-error` : undefined}
        aria-invalid={errors.modality?.length ? true : undefined}
      >
        <legend>{t('coop.field.modality')}</legend>
        <div className="choices">
          {MODALITIES.map((m) => (
            <label key={m} className="choice">
              <input type="radio" name="modality" value={m} defaultChecked={values.modality === m} />
              <span>{t(`coop.modality.${m}`)}</span>
            </label>
          ))}
        </div>
        <ErrorList id={`${modalityId}-error`} errors={errors.modality} />
      </fieldset>

      {kind === 'request' ? (
        <fieldset className="field-group">
          <legend>{t('coop.field.period')}</legend>
          <div className="inline-fields">
            <Input label={t('coop.field.from')} name="neededFrom" type="date" values={values} errors={errors} />
            <Input label={t('coop.field.to')} name="neededTo" type="date" values={values} errors={errors} />
          </div>
        </fieldset>
      ) : (
        <>
          <Input
            label={t('coop.field.capacity')}
            hint={t('coop.form.capacityHint')}
            name="capacity"
            type="number"
            min={0}
            max={100}
            values={values}
            errors={errors}
            required
          />
          <Input
            label={t('coop.field.funding')}
            hint={t('coop.form.fundingHint')}
            name="funding"
            values={values}
            errors={errors}
          />
          <fieldset className="field-group">
            <legend>{t('coop.field.validity')}</legend>
            <div className="inline-fields">
              <Input label={t('coop.field.from')} name="validFrom" type="date" values={values} errors={errors} />
              <Input label={t('coop.field.to')} name="validTo" type="date" values={values} errors={errors} />
            </div>
          </fieldset>
        </>
      )}

      <div className="form-actions">
        {mode === 'create' ? (
          <>
            <button type="submit" name="intent" value="draft" className={canPublish ? 'secondary' : undefined}>
              {t('coop.action.saveDraft')}
            </button>
            {canPublish ? (
              <button type="submit" name="intent" value="publish">
                {t('coop.action.saveAndPublish')}
              </button>
            ) : null}
          </>
        ) : (
          <button type="submit" name="intent" value={intent}>
            {t('coop.action.saveChanges')}
          </button>
        )}
      </div>
    </Form>
  );
}

export interface MatchSummary {
  id: string;
  requestTitle: string;
  requestOrganizationCode: string;
  providerOrganizationCode: string;
  offerTitle: string | null;
  offerId: string | null;
  score: number | null;
  status: string;
  proposedAt: string | Date;
  confirmedAt: string | Date | null;
}

export function formatScore(score: number | null | undefined) {
  return score === null || score === undefined ? '–' : score.toFixed(2);
}

/** Matches as a table: request, provider (offer or peer State), score, status, timestamps in UTC. */
export function MatchTable({ matches, caption }: { matches: MatchSummary[]; caption: string }) {
  const t = useT();
  return (
    <table className="match-table">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('coop.match.request')}</th>
          <th scope="col">{t('coop.match.provider')}</th>
          <th scope="col">{t('coop.match.score')}</th>
          <th scope="col">{t('field.status')}</th>
          <th scope="col">{t('coop.match.proposedAt')}</th>
          <th scope="col">{t('coop.match.confirmedAt')}</th>
        </tr>
      </thead>
      <tbody>
        {matches.map((m) => (
          <tr key={m.id}>
            <td>
              <Link to={`/matches/${m.id}`}>{m.requestTitle}</Link>{' '}
              <span className="muted">({m.requestOrganizationCode})</span>
            </td>
            <td>
              {m.providerOrganizationCode} · {m.offerTitle ?? t('coop.match.peerState')}
            </td>
            <td>{formatScore(m.score)}</td>
            <td>
              <StatusBadge kind="match" status={m.status} />
            </td>
            <td>
              <UtcTime value={m.proposedAt} />
            </td>
            <td>{m.confirmedAt ? <UtcTime value={m.confirmedAt} /> : '–'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Publish and withdraw buttons of a request's or an offer's page, each shown only to whom may use it. */
export function PublishWithdrawActions({
  canPublish,
  canWithdraw,
  withdrawLabel,
}: {
  canPublish: boolean;
  canWithdraw: boolean;
  withdrawLabel: string;
}) {
  const t = useT();
  if (!canPublish && !canWithdraw) return null;
  return (
    <div className="form-actions">
      {canPublish ? (
        <Form method="post" className="inline">
          <button type="submit" name="intent" value="publish">
            {t('coop.action.publish')}
          </button>
        </Form>
      ) : null}
      {canWithdraw ? (
        <Form method="post" className="inline">
          <button type="submit" name="intent" value="withdraw" className="secondary">
            {withdrawLabel}
          </button>
        </Form>
      ) : null}
    </div>
  );
}

interface EditResult {
  intent: string;
  ok: boolean;
  values?: CooperationValues;
  fieldErrors?: Record<string, string[]>;
  message?: string;
}

/** The edit form under a request or an offer: open, with what was typed kept, when the last save failed. */
export function EditStoredItem({
  kind,
  stored,
  result,
}: {
  kind: CooperationKind;
  stored: Stored;
  result: EditResult | undefined;
}) {
  const t = useT();
  const failed = result?.intent === 'save' && !result.ok;
  return (
    <details className="section-block edit-block" open={failed}>
      <summary>{t('coop.action.edit')}</summary>
      <CooperationForm
        key={failed ? 'failed' : 'stored'}
        kind={kind}
        mode="edit"
        values={failed && result.values ? result.values : valuesFrom(stored)}
        fieldErrors={failed ? result.fieldErrors : undefined}
        message={failed ? result.message : undefined}
      />
    </details>
  );
}

/** What the owner's page knows about the answer a request or offer was drafted from (services' AnswerLinkView). */
export interface AnswerLinkSummary {
  cycleId: string;
  mandate: number;
  question: string;
  withheld: {
    whole: boolean;
    fields: Array<'summary' | 'full'>;
    pending: boolean;
    refused: boolean;
    letterReferences: string[];
  } | null;
  held: boolean;
  pendingUpdate: { title: string; description: string } | null;
}

interface LinkResult {
  intent: string;
  ok: boolean;
  fieldErrors?: Record<string, string[]>;
  message?: string;
  ownText?: { title: string; description: string };
}

/**
 * The answer a request or offer came from, for its own organization (decision 014): what is withheld and why, the
 * form to publish in the organization's own words when the answer is withheld, and an answer edit that waits for
 * confirmation (the current and the offered text side by side).
 */
export function AnswerLinkPanel({
  link,
  current,
  canDecide,
  canPublishOwnText,
  result,
}: {
  link: AnswerLinkSummary;
  current: { title: string; description: string };
  canDecide: boolean;
  canPublishOwnText: boolean;
  result: LinkResult | undefined;
}) {
  const t = useT();
  const { withheld, pendingUpdate } = link;
  const failedOwnText = result?.intent === 'publish-own-text' && !result.ok;
  const fields = withheld?.fields.map((f) => t(`link.withheld.field.${f}`)).join(', ') ?? '';
  return (
    <section className="section-block" aria-labelledby="answer-link-heading">
      <h2 id="answer-link-heading" className="visually-hidden">
        {t('link.openAnswer')}
      </h2>
      <p>
        {t('link.fromAnswer', { question: link.question, mandate: link.mandate })}{' '}
        <Link to={`/questionnaire/${link.cycleId}/${link.mandate}`}>{t('link.openAnswer')}</Link>
      </p>
      {link.held ? (
        <div className="form-message info" role="status">
          <h3>{t('link.held.title')}</h3>
          <p>{t('link.held.body')}</p>
        </div>
      ) : null}
      {withheld ? (
        <div className="form-message info" data-testid="withheld-notice">
          <h3>{t('link.withheld.title')}</h3>
          <p>{withheld.whole ? t('link.withheld.whole') : t('link.withheld.fields', { fields })}</p>
          <p>
            {t(
              withheld.pending
                ? 'link.withheld.pending'
                : withheld.refused
                  ? 'link.withheld.refused'
                  : 'link.withheld.granted',
            )}
          </p>
          {withheld.letterReferences.length ? (
            <p>{t('link.withheld.letters', { refs: withheld.letterReferences.join('; ') })}</p>
          ) : null}
          {canPublishOwnText ? (
            <Form method="post">
              <p>{t('link.withheld.publishIntro')}</p>
              {failedOwnText && result.message ? <FormMessage tone="error">{result.message}</FormMessage> : null}
              <OwnTextFields
                values={failedOwnText && result.ownText ? result.ownText : current}
                errors={failedOwnText ? result.fieldErrors : undefined}
              />
              <div className="form-actions">
                <button type="submit" name="intent" value="publish-own-text">
                  {t('link.withheld.publish')}
                </button>
              </div>
            </Form>
          ) : null}
        </div>
      ) : null}
      {pendingUpdate ? (
        <div className="form-message info" data-testid="pending-update">
          <h3>{t('link.pending.title')}</h3>
          <p>{t('link.pending.intro')}</p>
          <table>
            <caption className="visually-hidden">{t('link.pending.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('coop.field.title')}</th>
                <th scope="col">{t('link.pending.current')}</th>
                <th scope="col">{t('link.pending.proposed')}</th>
              </tr>
            </thead>
            <tbody>
              <tr>
                <th scope="row">{t('coop.field.title')}</th>
                <td>{current.title}</td>
                <td>
                  {pendingUpdate.title !== current.title ? <ins>{pendingUpdate.title}</ins> : pendingUpdate.title}
                </td>
              </tr>
              <tr>
                <th scope="row">{t('coop.field.description')}</th>
                <td className="description">{current.description}</td>
                <td className="description">
                  {pendingUpdate.description !== current.description ? (
                    <ins>{pendingUpdate.description}</ins>
                  ) : (
                    pendingUpdate.description
                  )}
                </td>
              </tr>
            </tbody>
          </table>
          {canDecide ? (
            <div className="form-actions">
              <Form method="post" className="inline">
                <button type="submit" name="intent" value="confirm-update">
                  {t('link.pending.confirm')}
                </button>
              </Form>
              <Form method="post" className="inline">
                <button type="submit" name="intent" value="ignore-update" className="secondary">
                  {t('link.pending.ignore')}
                </button>
              </Form>
            </div>
          ) : (
            <p className="muted">{t('link.pending.noRole')}</p>
          )}
        </div>
      ) : null}
    </section>
  );
}

function OwnTextFields({
  values,
  errors,
}: {
  values: { title: string; description: string };
  errors?: Record<string, string[]>;
}) {
  const t = useT();
  return (
    <>
      <Field
        label={t('coop.field.title')}
        name="title"
        errors={errors?.title}
        defaultValue={values.title}
        required
        maxLength={200}
      />
      <TextAreaField
        label={t('coop.field.description')}
        name="description"
        errors={errors?.description}
        defaultValue={values.description}
        required
        rows={6}
        maxLength={MAX_DESCRIPTION}
      />
    </>
  );
}
