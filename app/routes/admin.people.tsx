import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData, useSearchParams } from '@remix-run/react';
import { FormMessage } from '../components/field';
import { InviteForm, type InviteResult } from '../components/invite-form';
import { requireActor, throwFailure } from '../utils/auth.server';
import { Pagination } from '../components/pagination';
import { useLang, useT } from '../utils/i18n';
import { handleDisable, handleInvite } from '../utils/invite.server';
import { readForm } from '../utils/form.server';
import { statusFor } from '../../services/outcome';
import { can, ROLES_BY_KIND } from '../../services/permissions';
import type { OrganizationKind } from '../../db/schema';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.people');

/** Every role, in the order the role menus list them (the vocabulary; who may give which is the permission rule's). */
const ALL_ROLES = [
  'secretariat_admin',
  'secretariat_staff',
  'national_coordinator',
  'deputy_focal_point',
  'delegate',
  'jswg_focal_point',
  'civil_society_member',
] as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const url = new URL(request.url);
  const result = await context.services.accounts.listUsers(actor, {
    organizationId: url.searchParams.get('organization') || undefined,
    search: url.searchParams.get('q') || undefined,
    page: Number(url.searchParams.get('page')) || 1,
  });
  if (!result.ok) throwFailure(result);
  const all = await context.services.accounts.listOrganizations();
  const kinds = Object.keys(ROLES_BY_KIND) as OrganizationKind[];
  // What the screen offers follows the permission rule (services/permissions.ts); the service checks again. A
  // National Coordinator filters and invites for their own organization only, so the menus list only that one.
  const organizations = all
    .filter((o) => can(actor, { action: 'users.list', organizationId: o.id }))
    .map((o) => ({ id: o.id, nameEn: o.nameEn, nameEs: o.nameEs, kind: o.kind }));
  const canInvite = (o: (typeof all)[number], role: (typeof ALL_ROLES)[number]) =>
    can(actor, { action: 'invitation.create', organizationId: o.id, organizationKind: o.kind, role });
  const inviteOrganizations = all
    .filter((o) => ALL_ROLES.some((role) => canInvite(o, role)))
    .map((o) => ({ id: o.id, nameEn: o.nameEn, nameEs: o.nameEs, kind: o.kind }));
  return {
    ...result.value,
    // Each row's controls follow the rules the service checks for that person (the same can() calls): a deputy focal
    // point sees "Disable" on delegates, not on their National Coordinator, who would be a 403.
    users: result.value.users.map((user) => {
      const target = { userId: user.id, organizationId: user.organizationId, role: user.role };
      // The roles this person may be given: those of their kind of organization (as the service requires) that the
      // viewer may give them.
      const roleChoices = ROLES_BY_KIND[user.organizationKind].filter((newRole) =>
        can(actor, { action: 'user.change_role', target, newRole }),
      );
      return {
        ...user,
        canDisable: can(actor, { action: 'user.disable', target }),
        canChangeRole: roleChoices.length > 0,
        roleChoices,
      };
    }),
    organizations,
    inviteOrganizations,
    invitableRoles: ALL_ROLES.filter((role) =>
      kinds.some((organizationKind) =>
        can(actor, { action: 'invitation.create', organizationId: actor.organizationId, organizationKind, role }),
      ),
    ),
  };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readForm(request);
  const intent = form.get('intent');
  if (intent === 'invite') return handleInvite(request, context, form);
  if (intent === 'disable' || intent === 'enable') return handleDisable(request, context, form);
  if (intent === 'role') {
    const actor = requireActor(context, request);
    const result = await context.services.accounts.changeRole(
      actor,
      String(form.get('userId') ?? ''),
      form.get('role'),
    );
    if (result.ok) return data({ intent: 'role' as const, ok: true, message: undefined });
    return data({ intent: 'role' as const, ok: false, message: result.message }, { status: statusFor(result) });
  }
  throw new Response('Unknown action', { status: 400 });
}

export default function People() {
  const t = useT();
  const lang = useLang();
  const { users, page, pageCount, total, organizations, inviteOrganizations, invitableRoles } =
    useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as
    InviteResult | { intent: 'disable' | 'role'; ok: boolean; message?: string } | undefined;
  const [params] = useSearchParams();
  const orgLabel = (o: { nameEn: string; nameEs: string }) => (lang === 'es' ? o.nameEs : o.nameEn);
  return (
    <section>
      <h1>{t('nav.people')}</h1>
      <Form method="get" className="inline-form" role="search">
        <label htmlFor="people-q">{t('search.label')}</label>
        <input id="people-q" name="q" type="search" defaultValue={params.get('q') ?? ''} />
        <label htmlFor="people-org">{t('field.organization')}</label>
        <select id="people-org" name="organization" defaultValue={params.get('organization') ?? ''}>
          <option value="">{t('form.all')}</option>
          {organizations.map((o) => (
            <option key={o.id} value={o.id}>
              {orgLabel(o)}
            </option>
          ))}
        </select>
        <button type="submit">{t('search.submit')}</button>
      </Form>
      {result && result.intent !== 'invite' && !result.ok ? (
        <FormMessage tone="error">{result.message}</FormMessage>
      ) : null}
      <p className="muted">{t('people.count', { n: total })}</p>
      {users.length === 0 ? (
        <p>{t('people.empty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('field.email')}</th>
              <th scope="col">{t('field.organization')}</th>
              <th scope="col">{t('field.role')}</th>
              <th scope="col">{t('field.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('table.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.id}>
                <td>{user.displayName}</td>
                <td>{user.email}</td>
                <td>
                  <Link to={`/org/${user.organizationCode}`}>
                    {lang === 'es' ? user.organizationNameEs : user.organizationNameEn}
                  </Link>
                </td>
                <td>
                  {user.canChangeRole ? (
                    <Form method="post" className="inline-form compact">
                      <input type="hidden" name="intent" value="role" />
                      <input type="hidden" name="userId" value={user.id} />
                      <label className="visually-hidden" htmlFor={`role-${user.id}`}>
                        {t('field.role')} {user.displayName}
                      </label>
                      <select id={`role-${user.id}`} name="role" defaultValue={user.role}>
                        {[user.role, ...user.roleChoices].map((role) => (
                          <option key={role} value={role}>
                            {t(`role.${role}`)}
                          </option>
                        ))}
                      </select>
                      <button type="submit" className="secondary small">
                        {t('people.changeRole')}
                      </button>
                    </Form>
                  ) : (
                    t(`role.${user.role}`)
                  )}
                </td>
                <td>{user.disabledAt ? t('status.disabled') : t('status.active')}</td>
                <td>
                  {user.canDisable ? (
                    <Form method="post">
                      <input type="hidden" name="userId" value={user.id} />
                      <button
                        type="submit"
                        name="intent"
                        value={user.disabledAt ? 'enable' : 'disable'}
                        className="secondary small"
                      >
                        {user.disabledAt ? t('user.enable') : t('user.disable')}
                        <span className="visually-hidden"> {user.displayName}</span>
                      </button>
                    </Form>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pagination page={page} pageCount={pageCount} />
      <InviteForm
        roles={invitableRoles}
        organizations={inviteOrganizations.map((o) => ({
          id: o.id,
          label: `${orgLabel(o)} (${t(`kind.${o.kind}`)})`,
        }))}
        result={result?.intent === 'invite' ? result : undefined}
      />
    </section>
  );
}
