import type { Database } from '../db/client';
import { createAccountsService } from './accounts/accounts.server';
import { createSessionStore } from './accounts/sessions.server';
import { createAuditService } from './audit/audit.server';
import { createCatalogueService } from './catalogue/catalogue.server';
import { DomainEventBus } from './events';

export interface ServiceDeps {
  db: Database;
  now?: () => Date;
  events?: DomainEventBus;
}

/** Built once per process by the composition root (server/index.ts) and shared by Remix, Socket.IO and jobs. */
export function createServices({ db, now = () => new Date(), events = new DomainEventBus() }: ServiceDeps) {
  const sessions = createSessionStore(db, now);
  return {
    events,
    accounts: createAccountsService({ db, sessions, events, now }),
    audit: createAuditService(db),
    catalogue: createCatalogueService(db, { events }),
  };
}

export type Services = ReturnType<typeof createServices>;
