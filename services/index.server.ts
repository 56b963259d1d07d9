import type { Database } from '../db/client';
import { createAccountsService } from './accounts/accounts.server';
import { createSessionStore } from './accounts/sessions.server';
import { createPasswordResetService } from './accounts/password-reset.server';
import { createAuditService } from './audit/audit.server';
import { createCatalogueService } from './catalogue/catalogue.server';
import { createAnswerLinksService } from './cooperation/answer-links.server';
import { createBrokeringService } from './cooperation/brokering.server';
import { createDirectoryService } from './cooperation/directory.server';
import { createMatchingService } from './cooperation/matching.server';
import { createOffersService } from './cooperation/offers.server';
import { createRequestsService } from './cooperation/requests.server';
import { DomainEventBus } from './events';
import { createInitiativeDocumentsService } from './initiatives/documents.server';
import { createInitiativesService } from './initiatives/initiatives.server';
import { createInitiativesPublicService } from './initiatives/public.server';
import { createInitiativeWithholdingsService } from './initiatives/withholdings.server';
import { createNotificationsService } from './notifications/notifications.server';
import { createPracticesService } from './practices/practices.server';
import { createChallengesService } from './reports/challenges.server';
import { createRecommendationsService } from './recommendations/recommendations.server';
import { createAttachmentsService } from './registration/attachments.server';
import { createContributionsService } from './registration/contributions.server';
import { createPublicationService } from './registration/publication.server';
import { createRegistrationService } from './registration/registration.server';
import { createResultsService } from './registration/results.server';
import type { FloodLimiter } from './roundtables/flood.server';
import { createRoomDocumentsService } from './roundtables/documents.server';
import { createRoundtablesService } from './roundtables/roundtables.server';
import { DEFAULT_ATTACHMENT_MAX_BYTES } from './registration/uploads.server';
import { createMemoryFileStore, type FileStore } from './storage/file-store';
import { subscribe, type BackgroundLogger } from './subscriptions';
import { createLiveKit, type LiveKitConfig } from './videoconferences/livekit.server';
import { createVideoconferencesService } from './videoconferences/videoconferences.server';

export interface ServiceDeps {
  db: Database;
  now?: () => Date;
  events?: DomainEventBus;
  /** Attached documents. The server passes the disk store under DATA_DIR; without one (tests) bytes stay in memory. */
  fileStore?: FileStore;
  attachmentMaxBytes?: number;
  /** Shared message rate limit across nodes (Redis); default: per process. */
  floodLimiter?: FloodLimiter;
  /** Days a State has to amend or withdraw content after the Chair refuses to withhold it (DISCLOSURE_AMEND_DAYS). */
  disclosureAmendDays?: number;
  /** LIVEKIT_URL / _API_KEY / _API_SECRET; without them meetings are scheduled and attended by hand, without video. */
  livekit?: LiveKitConfig | null;
  /** The address people open Minka at (join links in calendar files). */
  publicUrl?: string;
  /** Where background reactions to domain events log their failures (services/subscriptions.ts); default stderr. */
  logger?: BackgroundLogger;
  /**
   * E-mail really leaves the machine (SMTP_URL): the outbox page is then a record of what was sent and hides the
   * secrets in it (password-reset links), which are for their recipient only. Without SMTP the outbox stands in for
   * the mailbox (development, demo) and shows them.
   */
  mailIsDelivered?: boolean;
}

/** Built once per process by the composition root (server/index.ts) and shared by Remix, Socket.IO and jobs. */
export function createServices(deps: ServiceDeps): ReturnType<typeof buildServices> {
  const services = buildServices(deps);
  // Which module reacts to which event, with failures logged through the composition root's logger.
  subscribe(services.events, services, { logger: deps.logger });
  return services;
}

function buildServices({
  db,
  now = () => new Date(),
  events = new DomainEventBus(),
  fileStore = createMemoryFileStore(),
  attachmentMaxBytes = DEFAULT_ATTACHMENT_MAX_BYTES,
  floodLimiter,
  disclosureAmendDays,
  livekit = null,
  publicUrl = 'http://localhost:3000',
  logger,
  mailIsDelivered = false,
}: ServiceDeps) {
  const sessions = createSessionStore(db, now);
  const requests = createRequestsService({ db, events, now });
  const offers = createOffersService({ db, events, now });
  const matching = createMatchingService({ db, events, now, requests, offers, logger });
  const registration = createRegistrationService({ db, events, now });
  const catalogue = createCatalogueService(db, { events });
  const roundtables = createRoundtablesService({ db, events, now, floodLimiter });
  const accounts = createAccountsService({ db, sessions, events, now });
  return {
    events,
    accounts,
    /** "Forgot password": reset links by e-mail (issue 15); a completed reset ends the account's log-in lock. */
    passwordReset: createPasswordResetService({ db, sessions, events, now, loginLock: accounts }),
    audit: createAuditService(db),
    catalogue,
    requests,
    offers,
    matching,
    brokering: createBrokeringService({ db, events, now, matching }),
    /** Requests and offers drafted from Q4/Q7 answers: pending updates, and holding them when the answer is withheld. */
    answerLinks: createAnswerLinksService({ db, events, now }),
    directory: createDirectoryService({ offers, events }),
    notifications: createNotificationsService(db, now, { hideSecrets: mailIsDelivered }),
    roundtables,
    roomDocuments: createRoomDocumentsService({
      db,
      events,
      now,
      store: fileStore,
      maxBytes: attachmentMaxBytes,
      rooms: roundtables,
    }),
    registration,
    publication: createPublicationService({
      db,
      now,
      events,
      store: fileStore,
      maxBytes: attachmentMaxBytes,
      amendDays: disclosureAmendDays,
    }),
    attachments: createAttachmentsService({ db, now, store: fileStore, maxBytes: attachmentMaxBytes, registration }),
    results: createResultsService({ db, catalogue, now }),
    contributions: createContributionsService({ db, now, registration }),
    recommendations: createRecommendationsService({ db, now }),
    videoconferences: createVideoconferencesService({
      db,
      now,
      publicUrl,
      events,
      livekit: livekit ? createLiveKit(livekit) : null,
    }),
    /** Good practices: the form, the two-week review, the public base (issue 17, decision 017). */
    practices: createPracticesService({ db, now, store: fileStore, maxBytes: attachmentMaxBytes, events }),
    /** The report on challenges from published Q4 answers and open requests (issue 17). */
    challenges: createChallengesService({ db, now, requests }),
    /** Cooperation initiatives and their outcomes (issue 19): the Secretariat's and participants' side, and what the public reads. */
    initiatives: createInitiativesService({ db, events, now }),
    initiativesPublic: createInitiativesPublicService({ db, now, requests, offers }),
    initiativeDocuments: createInitiativeDocumentsService({ db, now, store: fileStore, maxBytes: attachmentMaxBytes }),
    /** A participant's requests that a part of an initiative not be published; the Secretariat decides. */
    initiativeWithholdings: createInitiativeWithholdingsService({ db, now, events }),
  };
}

export type Services = ReturnType<typeof createServices>;
