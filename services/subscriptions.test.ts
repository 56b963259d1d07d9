import { describe, expect, it } from 'vitest';
import { DomainEventBus } from './events';
import { subscribe, type BackgroundLogger } from './subscriptions';

/* The wiring of domain events to other modules' reactions (issue 14): visible in one place, failures logged. */
function setUp(overrides: Record<string, unknown> = {}) {
  const events = new DomainEventBus();
  const calls: string[] = [];
  const logged: Array<{ details: Record<string, unknown>; message: string }> = [];
  const logger: BackgroundLogger = { error: (details, message) => logged.push({ details, message }) };
  const services = {
    roundtables: {
      openForMatch: async (matchId: string) => calls.push(`open ${matchId}`),
      joinOrganizationRooms: async (userId: string, organizationId: string) =>
        calls.push(`join ${userId} ${organizationId}`),
    },
    publication: { publishSubmission: async (id: string) => calls.push(`publish ${id}`) },
    answerLinks: { reconcileQueued: async () => calls.push('reconcile') },
    ...overrides,
  } as unknown as Parameters<typeof subscribe>[1];
  const off = subscribe(events, services, { logger });
  return { events, calls, logged, off };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('domain-event subscriptions', () => {
  it('runs each module’s reaction to the events it listens to', async () => {
    const { events, calls } = setUp();
    events.emit('match.confirmed', { matchId: 'm1' });
    events.emit('account.joined', { userId: 'u1', organizationId: 'o1' });
    events.emit('questionnaire.submitted', { questionnaireId: 'q1', cycleId: 'c1' });
    events.emit('results.changed', { reason: 'published' });
    await flush();
    expect(calls).toEqual(['open m1', 'join u1 o1', 'publish q1', 'reconcile']);
  });

  it('logs a failing reaction with its event and payload instead of swallowing it, and the emitter is not affected', async () => {
    const boom = new Error('database went away');
    const { events, logged } = setUp({
      roundtables: {
        openForMatch: async () => {
          throw boom;
        },
        // Throws before returning a promise: logged all the same.
        joinOrganizationRooms: () => {
          throw boom;
        },
      },
    });
    expect(() => events.emit('match.confirmed', { matchId: 'm2' })).not.toThrow();
    expect(() => events.emit('account.joined', { userId: 'u2', organizationId: 'o2' })).not.toThrow();
    await flush();
    expect(logged).toEqual([
      {
        details: { err: boom, event: 'match.confirmed', payload: { matchId: 'm2' } },
        message: 'Background reaction failed: opening the roundtable of a confirmed match (after match.confirmed).',
      },
      {
        details: { err: boom, event: 'account.joined', payload: { userId: 'u2', organizationId: 'o2' } },
        message:
          'Background reaction failed: letting a new member into the open rooms of their organization (after account.joined).',
      },
    ]);
  });

  it('stops reacting once unsubscribed', async () => {
    const { events, calls, off } = setUp();
    off();
    events.emit('match.confirmed', { matchId: 'm3' });
    await flush();
    expect(calls).toEqual([]);
  });
});
