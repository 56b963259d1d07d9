import { type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireActor, throwFailure } from '../utils/auth.server';
import { can } from '../../services/permissions';
import { useT } from '../utils/i18n';
import { pageTitle } from '../utils/page-title';

export const meta: MetaFunction = (args) => pageTitle(args, 'title.secretariat');

export async function loader({ request, context }: LoaderFunctionArgs) {
  const actor = requireActor(context, request);
  const result = await context.services.accounts.adminOverview(actor);
  if (!result.ok) throwFailure(result);
  return { ...result.value, isAdmin: can(actor, { action: 'catalogue.import' }) };
}

export default function AdminHome() {
  const t = useT();
  const overview = useLoaderData<typeof loader>();
  const kinds = ['state', 'jswg', 'secretariat', 'civil_society'] as const;
  return (
    <section>
      <h1>{t('admin.title')}</h1>
      <div className="stats">
        {kinds.map((kind) => (
          <div key={kind} className="stat">
            <span className="stat-value">{overview.organizationsByKind[kind] ?? 0}</span>
            <span className="stat-label">{t(`kind.${kind}.plural`)}</span>
          </div>
        ))}
        <div className="stat">
          <span className="stat-value">{overview.userCount}</span>
          <span className="stat-label">{t('admin.activeUsers')}</span>
        </div>
        <div className="stat">
          <span className="stat-value">{overview.pendingInvitations}</span>
          <span className="stat-label">{t('admin.pendingInvitations')}</span>
        </div>
      </div>
      <ul className="link-list">
        <li>
          <Link to="/admin/people">{t('nav.people')}</Link> — {t('admin.peopleHelp')}
        </li>
        <li>
          <Link to="/admin/audit">{t('nav.audit')}</Link> — {t('admin.auditHelp')}
        </li>
        {overview.isAdmin ? (
          <li>
            <Link to="/admin/catalogue">{t('nav.catalogueImport')}</Link> — {t('admin.catalogueHelp')}
          </li>
        ) : null}
      </ul>
    </section>
  );
}
