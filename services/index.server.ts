import type { Database } from '../db/client';
import { createAccountsService } from './accounts/accounts.server';
import { createSessionStore } from './accounts/sessions.server';
import { createAuditService } from './audit/audit.server';
import { createCatalogueService } from './catalogue/catalogue.server';
import { createBrokeringService } from './cooperation/brokering.server';
import { createDirectoryService } from './cooperation/directory.server';
import { createMatchingService } from './cooperation/matching.server';
import { createOffersService } from './cooperation/offers.server';
import { createRequestsService } from './cooperation/requests.server';
import { DomainEventBus } from './events';
import { createNotificationsService } from './notifications/notifications.server';
import { createPublicationService } from './registration/publication.server';
import { createRegistrationService } from './registration/registration.server';
import type { FloodLimiter } from './roundtables/flood.server';
import { createRoundtablesService } from './roundtables/roundtables.server';

export interface ServiceDeps {
  db: Database;
  now?: () => Date;
  events?: DomainEventBus;
  /** Shared message rate limit across nodes (Redis); default: per process. */
  floodLimiter?: FloodLimiter;
}

/** Built once per process by the composition root (server/index.ts) and shared by Remix, Socket.IO and jobs. */
export function createServices({ db, now = () => new Date(), events = new DomainEventBus(), floodLimiter }: ServiceDeps) {
  const sessions = createSessionStore(db, now);
  const requests = createRequestsService({ db, events, now });
  const offers = createOffersService({ db, events, now });
  const matching = createMatchingService({ db, events, now, requests, offers });
  return {
    events,
    accounts: createAccountsService({ db, sessions, events, now }),
    audit: createAuditService(db),
    catalogue: createCatalogueService(db, { events }),
    requests,
    offers,
    matching,
    brokering: createBrokeringService({ db, events, now, matching }),
    directory: createDirectoryService({ offers, events }),
    notifications: createNotificationsService(db, now),
    roundtables: createRoundtablesService({ db, events, now, floodLimiter }),
    registration: createRegistrationService({ db, events, now }),
    publication: createPublicationService({ db, now }),
  };
}

export type Services = ReturnType<typeof createServices>;
