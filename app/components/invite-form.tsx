import { Form } from '@remix-run/react';
import { useId } from 'react';
import { useT } from '../utils/i18n';
import { Field, FormMessage, SelectField } from './field';
import { formatUtc } from './utc-time';

export interface InviteResult {
  intent: 'invite';
  ok: boolean;
  message?: string;
  link?: string;
  expiresAt?: string;
  email?: string;
  fieldErrors?: Record<string, string[]>;
}

/** Used by the Secretariat (any organization) and by focal points (delegates of their own organization). */
export function InviteForm({
  roles,
  organizations,
  fixedOrganizationId,
  result,
}: {
  roles: string[];
  organizations?: Array<{ id: string; label: string }>;
  fixedOrganizationId?: string;
  result?: InviteResult;
}) {
  const t = useT();
  const headingId = useId();
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{t('invite.title')}</h2>
      {result?.ok && result.link ? (
        <FormMessage tone="success">
          <p>{t('invite.created', { email: result.email ?? '' })}</p>
          <p>
            <label>
              {t('invite.link')}
              <input
                type="text"
                readOnly
                value={result.link}
                className="copyable"
                onFocus={(e) => e.currentTarget.select()}
              />
            </label>
          </p>
          <p className="muted">{t('invite.linkOnce', { date: formatUtc(result.expiresAt) ?? '' })}</p>
        </FormMessage>
      ) : null}
      {result && !result.ok ? (
        <FormMessage tone="error">{result.fieldErrors ? t('form.checkFields') : result.message}</FormMessage>
      ) : null}
      <Form method="post" noValidate>
        <input type="hidden" name="intent" value="invite" />
        {fixedOrganizationId ? <input type="hidden" name="organizationId" value={fixedOrganizationId} /> : null}
        <Field
          label={t('field.email')}
          name="email"
          type="email"
          required
          defaultValue={result && !result.ok ? result.email : undefined}
          errors={result?.fieldErrors?.email}
        />
        {organizations ? (
          <SelectField
            label={t('field.organization')}
            name="organizationId"
            options={organizations.map((o) => ({ value: o.id, label: o.label }))}
            placeholder={t('form.choose')}
            errors={result?.fieldErrors?.organizationId}
          />
        ) : null}
        <SelectField
          label={t('field.role')}
          name="role"
          options={roles.map((role) => ({ value: role, label: t(`role.${role}` as never) }))}
          placeholder={t('form.choose')}
          errors={result?.fieldErrors?.role}
        />
        <button type="submit">{t('invite.submit')}</button>
      </Form>
    </section>
  );
}
