import { Form, Link } from '@remix-run/react';
import { useId } from 'react';
import { FormMessage } from './field';
import { useT } from '../utils/i18n';

export interface CivilSocietySectionData {
  civilSocietyContributed: boolean;
  editable: boolean;
  canManage: boolean;
  invitations: Array<{ id: string; name: string; note: string | null; revoked: boolean }>;
  counts: { proposed: number; accepted: number; leftOut: number };
  organizations: Array<{ id: string; name: string }>;
}

/**
 * The civil-society part of a State's questionnaire page: the "civil society contributed" flag, the invitations
 * (with revoke) and how many contributions wait. Forms post to the page's own action (intents `cso-*`).
 */
export function CivilSocietySection({
  cycleId,
  data,
  message,
}: {
  cycleId: string;
  data: CivilSocietySectionData;
  message?: { ok: boolean; text: string };
}) {
  const t = useT();
  const id = useId();
  const manage = data.canManage && data.editable;
  const active = data.invitations.filter((i) => !i.revoked);
  const invitable = data.organizations.filter((o) => !active.some((i) => i.name === o.name));
  return (
    <section className="section-block card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{t('cs.title')}</h2>
      <p>{t('cs.intro')}</p>
      {message ? <FormMessage tone={message.ok ? 'success' : 'error'}>{message.text}</FormMessage> : null}
      {!data.editable ? (
        <p className="muted">{t('cs.locked')}</p>
      ) : !data.canManage ? (
        <p className="muted">{t('cs.managersOnly')}</p>
      ) : null}

      {manage ? (
        <Form method="post">
          <input type="hidden" name="intent" value="cso-flag" />
          <label className="choice">
            <input
              type="checkbox"
              name="contributed"
              value="yes"
              defaultChecked={data.civilSocietyContributed}
              aria-describedby={`${id}-flag-hint`}
              key={String(data.civilSocietyContributed)}
            />
            <span>{t('cs.flag.label')}</span>
          </label>
          <p id={`${id}-flag-hint`} className="hint">
            {t('cs.flag.hint')}
          </p>
          <button type="submit" className="secondary">
            {t('cs.flag.save')}
          </button>
        </Form>
      ) : (
        <p data-testid="cso-flag">{data.civilSocietyContributed ? t('cs.flag.yes') : t('cs.flag.no')}</p>
      )}

      <p>
        <strong>{t('cs.waiting', { n: data.counts.proposed })}</strong> ·{' '}
        {t('cs.decidedCounts', { accepted: data.counts.accepted, leftOut: data.counts.leftOut })} ·{' '}
        <Link to={`/questionnaire/${cycleId}/contributions`}>{t('cs.reviewLink')}</Link>
      </p>

      <h3>{t('cs.invitations.title')}</h3>
      {data.invitations.length === 0 ? (
        <p className="muted">{t('cs.invitations.empty')}</p>
      ) : (
        <ul>
          {data.invitations.map((i) => (
            <li key={i.id}>
              {i.name} —{' '}
              <span className="badge">{i.revoked ? t('cs.invitations.revoked') : t('cs.invitations.active')}</span>
              {i.note ? <span className="muted"> ({i.note})</span> : null}
              {manage && !i.revoked ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value="cso-revoke" />
                  <input type="hidden" name="invitationId" value={i.id} />
                  <input type="hidden" name="name" value={i.name} />
                  <button type="submit" className="secondary">
                    {t('cs.revoke', { name: i.name })}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      )}

      {manage ? (
        data.organizations.length === 0 ? (
          <p className="muted">{t('cs.invite.noOrganizations')}</p>
        ) : (
          <Form method="post" aria-labelledby={`${id}-invite`}>
            <h3 id={`${id}-invite`}>{t('cs.invite.title')}</h3>
            <input type="hidden" name="intent" value="cso-invite" />
            <div className="field">
              <label htmlFor={`${id}-org`}>{t('cs.invite.organization')}</label>
              <select id={`${id}-org`} name="organizationId" required defaultValue="">
                <option value="">{t('cs.invite.choose')}</option>
                {invitable.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-note`}>{t('cs.invite.note')}</label>
              <textarea id={`${id}-note`} name="note" rows={2} maxLength={2000} />
            </div>
            <button type="submit">{t('cs.invite.submit')}</button>
          </Form>
        )
      ) : null}
    </section>
  );
}
