import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { FormMessage } from '../components/field';
import { InviteForm, type InviteResult } from '../components/invite-form';
import { formatUtc } from '../components/utc-time';
import { requireActor, throwFailure } from '../utils/auth.server';
import { useLang, useT } from '../utils/i18n';
import { handleDisable, handleInvite } from '../utils/invite.server';
import { readForm } from '../utils/form.server';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.organization');

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.accounts.workspace(actor, params.code ?? '');
  if (!result.ok) throwFailure(result);
  const { organization, members, pendingInvitations, invitableRoles } = result.value;
  return {
    organization: {
      id: organization.id,
      code: organization.code,
      kind: organization.kind,
      nameEn: organization.nameEn,
      nameEs: organization.nameEs,
      note: organization.note,
    },
    members,
    pendingInvitations,
    invitableRoles,
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const intent = form.get('intent');
  if (intent === 'invite') return handleInvite(request, context, form);
  if (intent === 'disable' || intent === 'enable') return handleDisable(request, context, form);
  throw new Response('Unknown action', { status: 400 });
}

export default function OrganizationWorkspace() {
  const t = useT();
  const lang = useLang();
  const { organization, members, pendingInvitations, invitableRoles } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as
    InviteResult | { intent: 'disable'; ok: boolean; message?: string } | undefined;
  return (
    <section>
      <h1>{lang === 'es' ? organization.nameEs : organization.nameEn}</h1>
      <p className="muted">
        {t(`kind.${organization.kind}`)} · {organization.code}
      </p>
      {organization.note ? <p className="note">{organization.note}</p> : null}

      <h2>{t('org.members')}</h2>
      {result?.intent === 'disable' && !result.ok ? <FormMessage tone="error">{result.message}</FormMessage> : null}
      <table>
        <caption className="visually-hidden">{t('org.members')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('field.name')}</th>
            <th scope="col">{t('field.email')}</th>
            <th scope="col">{t('field.role')}</th>
            <th scope="col">{t('field.status')}</th>
            <th scope="col">
              <span className="visually-hidden">{t('table.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <tr key={member.id}>
              <td>{member.displayName}</td>
              <td>{member.email}</td>
              <td>{t(`role.${member.role}`)}</td>
              <td>{member.disabledAt ? t('status.disabled') : t('status.active')}</td>
              <td>
                {member.canDisable ? (
                  <Form method="post">
                    <input type="hidden" name="userId" value={member.id} />
                    <button
                      type="submit"
                      name="intent"
                      value={member.disabledAt ? 'enable' : 'disable'}
                      className="secondary small"
                    >
                      {member.disabledAt ? t('user.enable') : t('user.disable')}
                      <span className="visually-hidden"> {member.displayName}</span>
                    </button>
                  </Form>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      {pendingInvitations.length ? (
        <>
          <h2>{t('org.pendingInvitations')}</h2>
          <ul>
            {pendingInvitations.map((invitation) => (
              <li key={invitation.id}>
                {invitation.email} · {t(`role.${invitation.role}`)} ·{' '}
                {invitation.expired
                  ? t('invitation.state.expired')
                  : t('org.expires', { date: formatUtc(invitation.expiresAt) ?? '' })}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      {invitableRoles.length ? (
        <InviteForm
          roles={invitableRoles}
          fixedOrganizationId={organization.id}
          result={result?.intent === 'invite' ? result : undefined}
        />
      ) : null}
    </section>
  );
}
