import { Form } from '@remix-run/react';
import { Field, TextAreaField } from './field';
import type { MessageKey } from '../i18n';
import { useT } from '../utils/i18n';
import type { UnsentReason } from '../utils/unsent-save';
import { UnsentNotice } from './unsent-notice';

/*
 * The good-practice form (issue 17). Its fields are derived from the Mechanism's definition of a good practice
 * because the official Annex 3 form was not found; the notice at the top says so. The lists mirror
 * services/practices/vocabulary.ts (app/ may not import services code).
 */
export const IACC_SUBJECTS = [
  'government_hiring',
  'conflict_of_interest',
  'ethical_rules',
  'remuneration_probity',
  'asset_disclosure',
  'duty_to_report',
  'whistleblower_protection',
  'public_resources',
  'procurement',
  'tax_treatment',
  'bribery_prevention',
  'civil_society_participation',
  'criminalization',
  'transnational_bribery',
  'illicit_enrichment',
  'mutual_assistance',
  'extradition',
] as const;
export const PRACTICE_LANGUAGES = ['en', 'es', 'fr', 'pt'] as const;
export const ASSISTANCE_TYPES = [
  'legislative',
  'institutions',
  'policy_design',
  'capacity_building',
  'data',
  'international_cooperation',
  'other',
] as const;
export const TEXT_FIELDS = [
  'summary',
  'situation',
  'action',
  'innovation',
  'results',
  'assessment',
  'feedback',
  'lessons',
  'transfer',
] as const;
/** The fields the service requires to submit (services/practices: missingForSubmission), for the progress bar. */
const REQUIRED = [
  'title',
  'mandates',
  'summary',
  'situation',
  'action',
  'results',
  'lessons',
  'transfer',
  'contactName',
  'contactEmail',
  'languages',
] as const;
const TEXT_MAX = 10_000;

export interface PracticeFormValues {
  title: string;
  summary: string;
  situation: string;
  action: string;
  innovation: string;
  results: string;
  assessment: string;
  feedback: string;
  lessons: string;
  transfer: string;
  contactName: string;
  contactEmail: string;
  mandates: string;
  iaccSubjects: string[];
  assistanceTypes: string[];
  languages: string[];
}

export const emptyPractice: PracticeFormValues = {
  title: '',
  summary: '',
  situation: '',
  action: '',
  innovation: '',
  results: '',
  assessment: '',
  feedback: '',
  lessons: '',
  transfer: '',
  contactName: '',
  contactEmail: '',
  mandates: '',
  iaccSubjects: [],
  assistanceTypes: [],
  languages: [],
};

/** Reads the form's fields from a submitted FormData into the shape the service validates. */
export function practiceInput(form: FormData) {
  const str = (k: string) => String(form.get(k) ?? '');
  return {
    title: str('title'),
    ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, str(f)])),
    contactName: str('contactName'),
    contactEmail: str('contactEmail'),
    commitment: str('commitment'),
    mandates: str('mandates')
      .split(/[\s,;]+/)
      .filter(Boolean),
    iaccSubjects: form.getAll('iaccSubjects').map(String),
    assistanceTypes: form.getAll('assistanceTypes').map(String),
    languages: form.getAll('languages').map(String),
  };
}

/** The values to show again after a failed save: what the user sent. */
export function valuesFromInput(input: ReturnType<typeof practiceInput>): PracticeFormValues {
  return { ...(input as unknown as PracticeFormValues), mandates: input.mandates.join(', ') };
}

/** Per-field errors, folding list items ("mandates.0") into their field. */
export function errorsFor(fieldErrors: Record<string, string[]> | undefined) {
  return (name: string) => {
    if (!fieldErrors) return undefined;
    const list = Object.entries(fieldErrors)
      .filter(([k]) => k === name || k.startsWith(`${name}.`))
      .flatMap(([, v]) => v);
    return list.length ? [...new Set(list)] : undefined;
  };
}

function Checkboxes({
  legend,
  name,
  options,
  chosen,
  errors,
}: {
  legend: string;
  name: string;
  options: Array<{ value: string; label: string }>;
  chosen: string[];
  errors?: string[];
}) {
  return (
    <fieldset className="field" aria-invalid={errors?.length ? true : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="checkbox">
          <input type="checkbox" name={name} value={o.value} defaultChecked={chosen.includes(o.value)} /> {o.label}
        </label>
      ))}
      {errors?.length ? (
        <ul className="field-errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      ) : null}
    </fieldset>
  );
}

export function PracticeFormNotice() {
  const t = useT();
  return (
    <p className="notice" role="note">
      {t('pr.formNotice')}
    </p>
  );
}

/** How much of what submission requires is filled in: shown as a progress bar with its text. */
export function PracticeProgress({ values }: { values: PracticeFormValues }) {
  const t = useT();
  const done = REQUIRED.filter((k) => {
    const v = values[k];
    return Array.isArray(v) ? v.length > 0 : String(v).trim().length > 0;
  }).length;
  const text = t('pr.progress', { done, total: REQUIRED.length });
  return (
    <div className="practice-progress">
      <progress max={REQUIRED.length} value={done} aria-label={t('pr.progressLabel')} aria-valuetext={text} />
      <span>{text}</span>
    </div>
  );
}

export function PracticeForm({
  values,
  fieldErrors,
  commitment,
  version,
  submitLabel,
  intent = 'save',
  unsent,
}: {
  values: PracticeFormValues;
  fieldErrors?: Record<string, string[]>;
  commitment: string;
  version?: number;
  submitLabel: string;
  intent?: string;
  /** The last submission never reached the server (decision 038): said at the top and beside the button. */
  unsent?: UnsentReason;
}) {
  const t = useT();
  const errors = errorsFor(fieldErrors);
  const required = (key: MessageKey) => `${t(key)} ${t('pr.required')}`;
  return (
    <Form method="post" aria-label={t('pr.new.title')} className="practice-form">
      <UnsentNotice reason={unsent} announce />
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="commitment" value={commitment} />
      {version !== undefined ? <input type="hidden" name="baseVersion" value={version} /> : null}
      <PracticeProgress values={values} />
      <Field
        label={t('pr.field.title')}
        name="title"
        defaultValue={values.title}
        errors={errors('title')}
        required
        maxLength={200}
      />
      <Field
        label={required('pr.field.mandates')}
        name="mandates"
        defaultValue={values.mandates}
        errors={errors('mandates')}
        hint={t('pr.field.mandatesHint')}
      />
      {TEXT_FIELDS.map((f) => {
        const key = `pr.field.${f}` as MessageKey;
        const isRequired = (REQUIRED as readonly string[]).includes(f);
        return (
          <TextAreaField
            key={f}
            label={isRequired ? required(key) : t(key)}
            name={f}
            defaultValue={values[f]}
            errors={errors(f)}
            hint={f === 'innovation' ? t('pr.field.innovationHint') : undefined}
            maxLength={TEXT_MAX}
            rows={f === 'summary' ? 3 : 5}
          />
        );
      })}
      <Checkboxes
        legend={t('pr.field.subjects')}
        name="iaccSubjects"
        options={IACC_SUBJECTS.map((s) => ({ value: s, label: t(`pr.subject.${s}` as MessageKey) }))}
        chosen={values.iaccSubjects}
        errors={errors('iaccSubjects')}
      />
      <Checkboxes
        legend={t('pr.field.assistanceTypes')}
        name="assistanceTypes"
        options={ASSISTANCE_TYPES.map((s) => ({ value: s, label: t(`coop.type.${s}` as MessageKey) }))}
        chosen={values.assistanceTypes}
        errors={errors('assistanceTypes')}
      />
      <Checkboxes
        legend={required('pr.field.languages')}
        name="languages"
        options={PRACTICE_LANGUAGES.map((s) => ({ value: s, label: t(`pr.lang.${s}` as MessageKey) }))}
        chosen={values.languages}
        errors={errors('languages')}
      />
      <Field
        label={required('pr.field.contactName')}
        name="contactName"
        defaultValue={values.contactName}
        errors={errors('contactName')}
        maxLength={200}
        autoComplete="name"
      />
      <Field
        label={required('pr.field.contactEmail')}
        name="contactEmail"
        type="email"
        defaultValue={values.contactEmail}
        errors={errors('contactEmail')}
        maxLength={320}
        autoComplete="email"
      />
      <UnsentNotice reason={unsent} />
      <button type="submit">{submitLabel}</button>
    </Form>
  );
}
