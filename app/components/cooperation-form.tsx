import { Form } from '@remix-run/react';
import { useId, useState } from 'react';
import type { MessageKey } from '../i18n';
import { useT } from '../utils/i18n';
import { AssistanceFields } from './assistance-fields';
import { MANDATE_NUMBERS, MAX_DESCRIPTION } from './assistance-vocabulary';
import { describedBy, ErrorList } from './checkbox-group';
import {
  EMPTY_VALUES,
  groupFieldErrors,
  valuesFrom,
  type CooperationKind,
  type CooperationValues,
  type StoredCooperationItem,
} from './cooperation-values';
import { FormMessage } from './field';
import { MandatePicker, type MandateSection } from './mandate-picker';
import type { UnsentReason } from '../utils/unsent-save';
import { UnsentNotice } from './unsent-notice';

/** Without the catalogue (none imported), the numbers alone. */
const NUMBERS_ONLY: MandateSection[] = [
  { code: null, title: null, mandates: MANDATE_NUMBERS.map((number) => ({ number, label: null, words: '' })) },
];

/*
 * The form of an assistance request or a cooperation offer (new and edit), and the publish and withdraw buttons of
 * their pages. The values it holds are in cooperation-values.ts; the services stay the check.
 */

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
  /** The catalogue's mandates by section (app/utils/mandate-choices.server.ts). */
  mandateSections?: MandateSection[];
  /** The last submission never reached the server (decision 038): said at the top and beside the buttons. */
  unsent?: UnsentReason;
}

export function CooperationForm({
  kind,
  values = EMPTY_VALUES,
  fieldErrors,
  message,
  mode,
  canPublish,
  intent = 'save',
  mandateSections,
  unsent,
}: CooperationFormProps) {
  const t = useT();
  const errors = groupFieldErrors(fieldErrors);
  const [length, setLength] = useState(values.description.length);
  const descriptionId = useId();
  const counterId = `${descriptionId}-counter`;
  const descriptionErrorId = `${descriptionId}-error`;
  const over = length > MAX_DESCRIPTION;
  const formErrors = errors._form;
  return (
    <Form
      method="post"
      noValidate
      className="cooperation-form"
      aria-label={t(kind === 'request' ? 'coop.form.requestLabel' : 'coop.form.offerLabel')}
    >
      <UnsentNotice reason={unsent} announce />
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

      <MandatePicker
        legend={t('coop.field.mandates')}
        hint={t('coop.form.mandatesHint')}
        sections={mandateSections ?? NUMBERS_ONLY}
        selected={values.mandates}
        errors={errors.mandates}
      />

      <AssistanceFields values={values} errors={errors} />

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

      <UnsentNotice reason={unsent} />
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

const FIELD_LABELS: Record<string, MessageKey> = {
  title: 'coop.field.title',
  description: 'coop.field.description',
  mandates: 'coop.field.mandates',
  types: 'coop.field.types',
  languages: 'coop.field.languages',
  modality: 'coop.field.modality',
  capacity: 'coop.field.capacity',
};

/** What a draft still lacks before it can be published, named field by field (issue 15 item 6). */
export function MissingFields({ fieldErrors }: { fieldErrors?: Record<string, string[]> }) {
  const t = useT();
  const grouped = groupFieldErrors(fieldErrors);
  const entries = Object.entries(grouped);
  if (!entries.length) return null;
  return (
    <ul data-testid="missing-fields">
      {entries.map(([field, messages]) => (
        <li key={field}>
          <strong>{FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field}:</strong> {messages.join(' ')}
        </li>
      ))}
    </ul>
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
  mandateSections,
}: {
  kind: CooperationKind;
  stored: StoredCooperationItem;
  mandateSections?: MandateSection[];
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
        mandateSections={mandateSections}
      />
    </details>
  );
}
