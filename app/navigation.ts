import type { Actor } from '../services/actor';
import type { MessageKey } from './i18n';

export interface NavItem {
  to: string;
  label: MessageKey;
  /** A count shown beside the link (unread messages). */
  badge?: number;
}

/** The navigation follows the role. It only hides what a role cannot use; services still decide. */
export function navigationFor(actor: Pick<Actor, 'role' | 'organizationCode' | 'organizationKind'> | null): NavItem[] {
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
  switch (actor.role) {
    case 'secretariat_admin':
    case 'secretariat_staff':
      items.push(
        { to: '/admin', label: 'nav.admin' },
        { to: '/admin/people', label: 'nav.people' },
        { to: '/admin/audit', label: 'nav.audit' },
      );
      if (actor.role === 'secretariat_admin') items.push({ to: '/admin/catalogue', label: 'nav.catalogueImport' });
      // cooperation
      items.push(
        { to: '/admin/matching', label: 'nav.brokering' },
        { to: '/matches', label: 'nav.matches' },
        { to: '/admin/outbox', label: 'nav.outbox' },
      );
      // questionnaire
      items.push({ to: '/questionnaire', label: 'nav.cycles' });
      // moderation of civil-society recommendations
      items.push({ to: '/admin/recommendations', label: 'nav.moderateRecommendations' });
      items.push({ to: '/admin/practices', label: 'nav.consolidatePractices' }); // good-practice review rounds (issue 17)
      break;
    case 'national_coordinator':
    case 'deputy_focal_point':
    case 'delegate':
      // A delegate may belong to a JSWG organization too: the organization's kind names the page.
      items.push({
        to: `/org/${actor.organizationCode}`,
        label: actor.organizationKind === 'state' ? 'nav.myState' : 'nav.myOrganization',
      });
      // cooperation
      items.push({ to: '/cooperation', label: 'nav.cooperation' }, { to: '/matches', label: 'nav.matches' });
      // questionnaire: States and JSWG organizations answer it
      if (actor.organizationKind === 'state' || actor.organizationKind === 'jswg')
        items.push({ to: '/questionnaire', label: 'nav.questionnaire' });
      break;
    case 'jswg_focal_point':
      items.push({ to: `/org/${actor.organizationCode}`, label: 'nav.myOrganization' });
      // cooperation
      items.push({ to: '/cooperation', label: 'nav.cooperation' }, { to: '/matches', label: 'nav.matches' });
      // questionnaire: States and JSWG organizations answer it
      if (actor.organizationKind === 'state' || actor.organizationKind === 'jswg')
        items.push({ to: '/questionnaire', label: 'nav.questionnaire' });
      break;
    case 'civil_society_member':
      items.push({ to: `/org/${actor.organizationCode}`, label: 'nav.myOrganization' });
      // contributions to the drafts of States that invite the organization
      items.push({ to: '/contribute', label: 'nav.contribute' });
      // public recommendations, moderated by the Secretariat (issue 13, item 7)
      items.push({ to: '/recommendations/mine', label: 'nav.recommendations' });
      break;
  }
  items.push({ to: '/roundtables', label: 'nav.roundtables' });
  items.push({ to: '/meetings', label: 'nav.meetings' }); // videoconferences (issue 18)
  items.push({ to: '/notifications', label: 'nav.notifications' }); // cooperation
  items.push({ to: '/account', label: 'nav.account' });
  return items;
}
