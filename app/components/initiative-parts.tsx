import { Form } from '@remix-run/react';
import { useId } from 'react';
import { Field, FormMessage, TextAreaField } from './field';
import type { MessageKey } from '../i18n';
import { useLang, useT } from '../utils/i18n';
import { statusFor, type FailureKind } from '../../services/outcome';

/*
 * Pieces shared by the initiative pages (issue 19). The lists mirror the service's (services/initiatives); the
 * service validates, these only draw the choices.
 */
export const INITIATIVE_FORMS = [
  'technical_meeting',
  'working_roundtable',
  'videoconference',
  'exchange_visit',
  'training',
  'expert_assistance',
  'other',
] as const;
export const INITIATIVE_STATUSES = ['planned', 'in_progress', 'completed', 'suspended'] as const;
export const PARTICIPANT_ROLES = ['requesting', 'providing', 'co_operating', 'funding'] as const;
export const MANDATE_CHOICES = Array.from({ length: 57 }, (_, i) => i + 1);

export const formKey = (form: string) => `ini.form.${form}` as MessageKey;
export const statusKey = (status: string) => `ini.status.${status}` as MessageKey;
export const roleKey = (role: string) => `ini.role.${role}` as MessageKey;

export function InitiativeStatusBadge({ status }: { status: string }) {
  const t = useT();
  return <span className={`badge status-${status}`}>{t(statusKey(status))}</span>;
}

export interface ParticipantLike {
  code: string;
  nameEn: string;
  nameEs: string;
  role: string;
}

export function ParticipantList({ participants }: { participants: ParticipantLike[] }) {
  const t = useT();
  const lang = useLang();
  return (
    <ul className="participants">
      {participants.map((p) => (
        <li key={p.code}>
          {(lang === 'es' ? p.nameEs : p.nameEn) || p.nameEn} <span className="muted">({t(roleKey(p.role))})</span>
        </li>
      ))}
    </ul>
  );
}

/** A group of checkboxes under a legend, with its errors tied to the group. */
export function InitiativeCheckboxes({
  legend,
  name,
  options,
  selected = [],
  errors,
}: {
  legend: string;
  name: string;
  options: Array<{ value: string; label: string }>;
  selected?: string[];
  errors?: string[];
}) {
  const id = useId();
  return (
    <fieldset
      className="field-group"
      aria-describedby={errors?.length ? `${id}-error` : undefined}
      aria-invalid={errors?.length ? true : undefined}
    >
      <legend>{legend}</legend>
      <div className="choices">
        {options.map((o) => (
          <label key={o.value} className="choice">
            <input type="checkbox" name={name} value={o.value} defaultChecked={selected.includes(o.value)} />
            <span>{o.label}</span>
          </label>
        ))}
      </div>
      {errors?.length ? (
        <ul id={`${id}-error`} className="field-errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

/** Errors of a field and of its items ("forms.0" belongs to "forms"). */
export function errorsOf(fieldErrors: Record<string, string[]> | undefined, name: string): string[] | undefined {
  if (!fieldErrors) return undefined;
  const list = Object.entries(fieldErrors)
    .filter(([key]) => key === name || key.startsWith(`${name}.`))
    .flatMap(([, v]) => v);
  return list.length ? [...new Set(list)] : undefined;
}

/** Outcome figures: a definition list, read as "label: value". */
export function Figures({ figures }: { figures: Array<{ label: string; value: number }> }) {
  const lang = useLang();
  if (!figures.length) return null;
  return (
    <dl className="figures">
      {figures.map((f) => (
        <div key={f.label}>
          <dt>{f.label}</dt>
          <dd>{f.value.toLocaleString(lang)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** The HTTP status of a failed service outcome in an action: the one mapping of services/outcome (an oversized document is 413). */
export const failureStatus = (kind: FailureKind) => statusFor({ kind });

/** What the file picker offers; the server still decides from the content (services/storage/sniff.ts). */
const ACCEPT = '.pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.odp,.csv,.png,.jpg,.jpeg,.gif,.webp';

export function OutcomeDocuments({
  documents,
}: {
  documents: Array<{ id: string; title: string; fileName: string; sizeBytes: number }>;
}) {
  const t = useT();
  if (!documents.length) return null;
  return (
    <ul className="documents">
      {documents.map((d) => (
        <li key={d.id}>
          <a href={`/initiatives/documents/${d.id}`}>{d.title}</a>{' '}
          <span className="muted">
            ({t('ini.document.size', { name: d.fileName, kb: Math.max(1, Math.round(d.sizeBytes / 1024)) })})
          </span>
        </li>
      ))}
    </ul>
  );
}

/** Attach a document to an outcome version; the outcome and title fields come before the file (read first on the server). */
export function OutcomeDocumentForm({
  outcomeId,
  failure,
  titleMax,
}: {
  outcomeId: string;
  /** The service's limit (initiatives.textLimits.documentTitle). */
  titleMax: number;
  failure?: { message: string; fieldErrors?: Record<string, string[]> } | null;
}) {
  const t = useT();
  return (
    <Form method="post" encType="multipart/form-data" className="attach-form">
      {failure ? <FormMessage tone="error">{failure.message}</FormMessage> : null}
      <input type="hidden" name="outcomeId" value={outcomeId} />
      <Field label={t('ini.document.title')} name="title" maxLength={titleMax} errors={failure?.fieldErrors?.title} />
      <Field
        label={t('ini.document.file')}
        name="file"
        type="file"
        accept={ACCEPT}
        required
        errors={failure?.fieldErrors?.file}
      />
      <button type="submit" className="secondary small">
        {t('ini.document.attach')}
      </button>
    </Form>
  );
}

/** A correction is a new version of the outcome (never an edit in place); prefilled with the current version. */
export function OutcomeCorrectionForm({
  outcome,
  failure,
  textMax,
}: {
  /** The service's limit (initiatives.textLimits.outcome). */
  textMax: number;
  outcome: {
    id: string;
    text: string;
    startedOn: string | null;
    endedOn: string | null;
    figures: Array<{ label: string; value: number }>;
  };
  failure?: { message: string; fieldErrors?: Record<string, string[]> } | null;
}) {
  const t = useT();
  return (
    <details className="correction" open={!!failure}>
      <summary>{t('ini.correct.summary')}</summary>
      <Form method="post">
        {failure ? <FormMessage tone="error">{failure.message}</FormMessage> : null}
        <input type="hidden" name="target" value={outcome.id} />
        <TextAreaField
          label={t('ini.correct.text')}
          name="text"
          rows={4}
          maxLength={textMax}
          defaultValue={outcome.text}
          errors={errorsOf(failure?.fieldErrors, 'text')}
        />
        <Field
          label={t('ini.field.startedOn')}
          name="startedOn"
          type="date"
          defaultValue={outcome.startedOn ?? ''}
          errors={errorsOf(failure?.fieldErrors, 'startedOn')}
        />
        <Field
          label={t('ini.field.endedOn')}
          name="endedOn"
          type="date"
          defaultValue={outcome.endedOn ?? ''}
          errors={errorsOf(failure?.fieldErrors, 'endedOn')}
        />
        <TextAreaField
          label={t('ini.field.figures')}
          hint={t('ini.field.figuresHint')}
          name="figures"
          rows={3}
          defaultValue={outcome.figures.map((f) => `${f.label}: ${f.value}`).join('\n')}
          errors={errorsOf(failure?.fieldErrors, 'figures')}
        />
        <button type="submit" name="intent" value="correctOutcome" className="secondary">
          {t('ini.correct.button')}
        </button>
      </Form>
    </details>
  );
}
