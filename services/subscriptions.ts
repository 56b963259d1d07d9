import type { DomainEventBus, DomainEvents } from './events';
import type { Services } from './index.server';

/**
 * Domain-event wiring in one visible place (issue 14): which module reacts to which other module's event. A
 * newcomer reads here that a confirmed match opens a room, instead of finding the listener at the bottom of the
 * roundtables service. Built by createServices with the logger the composition root (server/index.ts) injects.
 *
 * These reactions run in the background: the action that emitted the event has already succeeded and must not fail
 * because of them. A reaction that throws is logged (event, payload, error), never swallowed; each has a fallback
 * noted below, so a failure costs a delay, not data.
 *
 * Not here, on purpose: listeners that only drop a module's own cache or in-memory state (the directory's search
 * index, the catalogue cache, the matching engine's rankings, the page cache in server/app.ts) and the realtime
 * layer's listeners (realtime/), which turn events into socket messages.
 */
export interface BackgroundLogger {
  error(details: Record<string, unknown>, message: string): void;
}

/** Without an injected logger (tests, scripts), failures still reach stderr. */
export const stderrLogger: BackgroundLogger = { error: (details, message) => console.error(message, details) };

type Reacting = Pick<Services, 'roundtables' | 'publication' | 'answerLinks'>;

export function subscribe(
  events: DomainEventBus,
  services: Reacting,
  { logger = stderrLogger }: { logger?: BackgroundLogger } = {},
): () => void {
  function react<K extends keyof DomainEvents>(
    name: K,
    what: string,
    run: (payload: DomainEvents[K]) => Promise<unknown>,
  ) {
    return events.on(name, (payload) => {
      // Started at once (a test or page that awaits answerLinks.settled() right after the event sees the run); a
      // reaction that throws before returning its promise is logged the same way.
      let running: Promise<unknown>;
      try {
        running = run(payload);
      } catch (error) {
        running = Promise.reject(error);
      }
      running.catch((error: unknown) =>
        logger.error({ err: error, event: name, payload }, `Background reaction failed: ${what} (after ${name}).`),
      );
    });
  }

  const offs = [
    // Fallback: the Secretariat opens the room by hand from the match page.
    react('match.confirmed', 'opening the roundtable of a confirmed match', ({ matchId }) =>
      services.roundtables.openForMatch(matchId),
    ),
    // Fallback: the Secretariat invites the organization to the room again.
    react(
      'account.joined',
      'letting a new member into the open rooms of their organization',
      ({ userId, organizationId }) => services.roundtables.joinOrganizationRooms(userId, organizationId),
    ),
    // Fallback: the cron sweep (publication.publishDue) publishes submissions the event missed.
    react('questionnaire.submitted', 'publishing a submission in a published cycle', ({ questionnaireId }) =>
      services.publication.publishSubmission(questionnaireId),
    ),
    // Fallback: the read side keeps withheld text from others whether or not this ran (guardForOthers); the next change retries.
    react('results.changed', 'taking withheld answer text out of linked requests and offers', () =>
      services.answerLinks.reconcileQueued(),
    ),
  ];
  return () => offs.forEach((off) => off());
}
