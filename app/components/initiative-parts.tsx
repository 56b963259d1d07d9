import { useId } from 'react';
import type { MessageKey } from '../i18n';
import { useLang, useT } from '../utils/i18n';

/*
 * Pieces shared by the initiative pages (issue 19). The lists mirror the service's (services/initiatives); the
 * service validates, these only draw the choices.
 */
export const INITIATIVE_FORMS = ['technical_meeting', 'working_roundtable', 'videoconference', 'exchange_visit', 'training', 'expert_assistance', 'other'] as const;
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
export function InitiativeCheckboxes({ legend, name, options, selected = [], errors }: { legend: string; name: string; options: Array<{ value: string; label: string }>; selected?: string[]; errors?: string[] }) {
  const id = useId();
  return (
    <fieldset className="field-group" aria-describedby={errors?.length ? `${id}-error` : undefined} aria-invalid={errors?.length ? true : undefined}>
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

/** The HTTP status of a failed service outcome in an action. */
export const failureStatus = (kind: string) => (kind === 'forbidden' ? 403 : kind === 'not_found' ? 404 : kind === 'conflict' ? 409 : 400);
