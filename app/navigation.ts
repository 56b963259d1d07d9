import type { Actor } from '../services/actor';
import { can, type Permission } from '../services/permissions';
import type { MessageKey } from './i18n';

export interface NavItem {
  to: string;
  label: MessageKey;
  /** A count shown beside the link (unread messages). */
  badge?: number;
}

/**
 * The navigation follows what the person may do: every link below is shown by the same rule the service applies
 * (services/permissions.ts), so the menu and the services cannot disagree and no role list lives here. It only
 * hides what a person cannot use; services still decide. The order is the order people see.
 */
export function navigationFor(actor: Actor | null): NavItem[] {
  const items: NavItem[] = [
    { to: '/', label: 'nav.home' },
    { to: '/mandates', label: 'nav.mandates' },
    { to: '/participants', label: 'nav.participants' },
    { to: '/directory', label: 'nav.directory' },
    { to: '/results', label: 'nav.results' },
    { to: '/practices', label: 'nav.practices' }, // the public base of good practices (issue 17)
    { to: '/initiatives', label: 'nav.initiatives' }, // cooperation initiatives and outcomes (issue 19)
  ];
  if (!actor) return items;
  const may = (permission: Permission) => can(actor, permission);
  const own = actor.organizationId;
  const add = (allowed: boolean, item: NavItem) => {
    if (allowed) items.push(item);
  };
  // The Secretariat has the administration pages instead of an organization page of its own.
  const administers = may({ action: 'admin.access' });
  add(!administers, {
    to: `/org/${actor.organizationCode}`,
    label: actor.organizationKind === 'state' ? 'nav.myState' : 'nav.myOrganization',
  });
  add(administers, { to: '/admin', label: 'nav.admin' });
  add(may({ action: 'users.list' }), { to: '/admin/people', label: 'nav.people' });
  add(may({ action: 'audit.view' }), { to: '/admin/audit', label: 'nav.audit' });
  add(may({ action: 'catalogue.import' }), { to: '/admin/catalogue', label: 'nav.catalogueImport' });
  // Cooperation: the Secretariat brokers; States and JSWG organizations post requests and offers.
  const brokers = may({ action: 'cooperation.broker' });
  const cooperates = may({ action: 'offer.draft', organizationId: own });
  add(brokers, { to: '/admin/matching', label: 'nav.brokering' });
  add(cooperates, { to: '/cooperation', label: 'nav.cooperation' });
  add(brokers || cooperates, { to: '/matches', label: 'nav.matches' });
  add(administers, { to: '/admin/outbox', label: 'nav.outbox' });
  // The questionnaire: the Secretariat runs the cycles; States and JSWG organizations answer it.
  if (may({ action: 'questionnaire.administer' })) items.push({ to: '/questionnaire', label: 'nav.cycles' });
  else add(may({ action: 'questionnaire.draft' }), { to: '/questionnaire', label: 'nav.questionnaire' });
  // Civil society: contributions to the drafts of States that invite the organization, and public recommendations.
  add(may({ action: 'contribution.write' }), { to: '/contribute', label: 'nav.contribute' });
  add(may({ action: 'recommendation.submit' }), { to: '/recommendations/mine', label: 'nav.recommendations' });
  add(may({ action: 'recommendation.moderate' }), {
    to: '/admin/recommendations',
    label: 'nav.moderateRecommendations',
  });
  add(may({ action: 'practice.consolidate' }), { to: '/admin/practices', label: 'nav.consolidatePractices' });
  items.push({ to: '/roundtables', label: 'nav.roundtables' });
  items.push({ to: '/meetings', label: 'nav.meetings' }); // videoconferences (issue 18)
  items.push({ to: '/notifications', label: 'nav.notifications' }); // cooperation
  items.push({ to: '/account', label: 'nav.account' });
  return items;
}
