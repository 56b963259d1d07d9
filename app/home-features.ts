import type { Actor } from '../services/actor';
import { can } from '../services/permissions';
import type { MessageKey } from './i18n';

/**
 * What the home page says each kind of user can do, one link per capability. The page names nothing that is not
 * listed here, and every entry points to a page that exists (tests/e2e/foundation.spec.ts follows each link), so
 * the home page never promises a capability that is not built (issue 13, item 6). A capability joins this list when
 * it lands (good practices, videoconferences and the registry of initiatives did in December 2026).
 */
export interface HomeFeature {
  label: MessageKey;
  to: string;
  /**
   * Who may open the page, by the rule its loader or service applies (services/permissions.ts, as the navigation
   * does); absent: anyone signed in. A signed-in person who may not open it sees the capability named, not linked.
   */
  opens?: (actor: Actor) => boolean;
}

export interface HomeAudience {
  title: MessageKey;
  body: MessageKey;
  features: HomeFeature[];
}

// The rules of the pages linked below (their loaders and services say the same).
const cooperates = (actor: Actor) =>
  can(actor, { action: 'offer.draft', organizationId: actor.organizationId }) ||
  can(actor, { action: 'cooperation.broker' });
const draftsPractices = (actor: Actor) =>
  can(actor, { action: 'practice.draft', organizationId: actor.organizationId });
const brokers = (actor: Actor) => can(actor, { action: 'cooperation.broker' });
const recordsInitiatives = (actor: Actor) => can(actor, { action: 'initiative.record' });

export const homeAudiences: HomeAudience[] = [
  {
    title: 'home.states.title',
    body: 'home.states.body',
    features: [
      { label: 'home.feature.questionnaire', to: '/questionnaire' },
      { label: 'home.feature.requests', to: '/cooperation', opens: cooperates },
      { label: 'home.feature.roundtables', to: '/roundtables' },
      { label: 'home.feature.meetings', to: '/meetings' },
      { label: 'home.feature.draftPractices', to: '/practices/mine', opens: draftsPractices },
    ],
  },
  {
    title: 'home.jswg.title',
    body: 'home.jswg.body',
    features: [{ label: 'home.feature.offers', to: '/cooperation', opens: cooperates }],
  },
  {
    title: 'home.secretariat.title',
    body: 'home.secretariat.body',
    features: [
      { label: 'home.feature.brokering', to: '/admin/matching', opens: brokers },
      { label: 'home.feature.roundtables', to: '/roundtables' },
      { label: 'home.feature.publication', to: '/questionnaire' },
      { label: 'home.feature.manageInitiatives', to: '/admin/initiatives', opens: recordsInitiatives },
    ],
  },
  {
    title: 'home.public.title',
    body: 'home.public.body',
    features: [
      { label: 'home.feature.results', to: '/results' },
      { label: 'home.feature.directory', to: '/directory' },
      { label: 'home.feature.mandates', to: '/mandates' },
      { label: 'home.feature.recommendations', to: '/recommendations' },
      { label: 'home.feature.practices', to: '/practices' },
      { label: 'home.feature.initiatives', to: '/initiatives' },
    ],
  },
];

/**
 * The home page's cards for one reader: each capability with its link, or `to: null` when the signed-in reader
 * may not open that page (a 403 otherwise). Anonymous readers keep the links: those pages ask them to log in first.
 */
export function homeAudiencesFor(actor: Actor | null) {
  return homeAudiences.map(({ title, body, features }) => ({
    title,
    body,
    features: features.map(({ label, to, opens }) => ({
      label,
      to: !actor || !opens || opens(actor) ? to : null,
    })),
  }));
}
