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
}

export interface HomeAudience {
  title: MessageKey;
  body: MessageKey;
  features: HomeFeature[];
}

export const homeAudiences: HomeAudience[] = [
  {
    title: 'home.states.title',
    body: 'home.states.body',
    features: [
      { label: 'home.feature.questionnaire', to: '/questionnaire' },
      { label: 'home.feature.requests', to: '/cooperation' },
      { label: 'home.feature.roundtables', to: '/roundtables' },
      { label: 'home.feature.meetings', to: '/meetings' },
      { label: 'home.feature.draftPractices', to: '/practices/mine' },
    ],
  },
  {
    title: 'home.jswg.title',
    body: 'home.jswg.body',
    features: [{ label: 'home.feature.offers', to: '/cooperation' }],
  },
  {
    title: 'home.secretariat.title',
    body: 'home.secretariat.body',
    features: [
      { label: 'home.feature.brokering', to: '/admin/matching' },
      { label: 'home.feature.roundtables', to: '/roundtables' },
      { label: 'home.feature.publication', to: '/questionnaire' },
      { label: 'home.feature.manageInitiatives', to: '/admin/initiatives' },
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
