import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Database } from '../../db/client';
import { assistanceRequests, cooperationOffers, matches, organizations, type MatchRow } from '../../db/schema';
import type { Actor, Viewer } from '../actor';
import { writeAudit } from '../audit/audit.server';
import type { DomainEventBus } from '../events';
import { notifyOrganization } from '../notifications/notifications.server';
import { conflict, fieldErrorsFrom, forbidden, invalid, notFound, ok, type Outcome } from '../outcome';
import { can } from '../permissions';
import { guardForOthers, sourcesOf } from './answer-links.server';
import { offerPlacesUsed, type MatchingService } from './matching.server';

/** Places are held by proposed and confirmed matches and by planned or in-progress initiatives (offerPlacesUsed). */
const NO_PLACE_LEFT =
  'This offer has no capacity left: every place is taken by a proposed or confirmed match or an initiative under way.';

const proposeSchema = z.object({
  requestId: z.uuid('Choose a request.'),
  /** An offer id, or `peer:<organizationId>` for a peer State (the engine's candidate ids). */
  candidateId: z.string().min(1, 'Choose a candidate.'),
  note: z.string().trim().max(2000, 'Keep the note under 2,000 characters.').optional(),
});

const decideSchema = z
  .object({
    decision: z.enum(['accepted', 'declined'], 'Accept or decline.'),
    reason: z.string().trim().max(2000, 'Keep the reason under 2,000 characters.').optional(),
  })
  .refine((v) => v.decision === 'accepted' || (v.reason?.length ?? 0) >= 5, {
    path: ['reason'],
    message: 'Say briefly why you decline (at least 5 characters).',
  });

export interface MatchView extends MatchRow {
  requestTitle: string;
  requestOrganizationId: string;
  requestOrganizationCode: string;
  providerOrganizationCode: string;
  offerTitle: string | null;
  /** Which side the viewer decides for, if any. */
  viewerSide: 'requester' | 'provider' | null;
}

/**
 * Who opens a match (its page, `get`): the Secretariat and the members of its two sides. Anyone else is told it does
 * not exist, and offered no link to it (`mayOpen`).
 */
const mayView = (viewer: Viewer, match: { requestOrganizationId: string; providerOrganizationId: string }) =>
  can(viewer, {
    action: 'match.view',
    requesterOrganizationId: match.requestOrganizationId,
    providerOrganizationId: match.providerOrganizationId,
  });

interface Deps {
  db: Database;
  events: DomainEventBus;
  now: () => Date;
  matching: MatchingService;
}

/**
 * The Secretariat proposes a match to both sides; each side accepts or declines with a reason; when both accept
 * the match is confirmed and the request moves on. Every transition is a conditional update on the row's current
 * state, so accepting twice, or after a withdrawal, is refused without writing anything.
 */
/**
 * A match no longer waiting for decisions, with its status in words: one sentence per status, translated whole
 * (outside tester: "ya está en estado confirmed" put the status code inside the Spanish sentence).
 */
function alreadyDecided(status: string): string {
  if (status === 'confirmed') return 'This match is already confirmed; nothing was changed.';
  if (status === 'declined') return 'This match was already declined; nothing was changed.';
  return 'This match was already withdrawn; nothing was changed.';
}

export function createBrokeringService({ db, events, now, matching }: Deps) {
  async function view(viewer: Viewer, matchIds: string[]): Promise<MatchView[]> {
    if (!matchIds.length) return [];
    const rows = await db
      .select({ match: matches, request: assistanceRequests, offer: cooperationOffers })
      .from(matches)
      .innerJoin(assistanceRequests, eq(assistanceRequests.id, matches.requestId))
      .leftJoin(cooperationOffers, eq(cooperationOffers.id, matches.offerId))
      .where(inArray(matches.id, matchIds))
      .orderBy(desc(matches.proposedAt));
    // A title copied from an answer that became withheld is shown to the other side as what may be shown of it.
    const sources = await sourcesOf(
      db,
      rows.flatMap((r) => [r.request.sourceAnswerId, r.offer?.sourceAnswerId]),
      now(),
    );
    const titleOf = <
      T extends {
        organizationId: string;
        title: string;
        description: string;
        ownTextAt: Date | null;
        sourceAnswerId: string | null;
      },
    >(
      kind: 'request' | 'offer',
      item: T,
    ) => (viewer?.organizationId === item.organizationId ? item.title : guardForOthers(kind, item, sources).item.title);
    const orgIds = [...new Set(rows.flatMap((r) => [r.request.organizationId, r.match.providerOrganizationId]))];
    const orgs = new Map(
      (
        await db
          .select({ id: organizations.id, code: organizations.code })
          .from(organizations)
          .where(inArray(organizations.id, orgIds))
      ).map((o) => [o.id, o.code]),
    );
    return rows.map((r) => ({
      ...r.match,
      requestTitle: titleOf('request', r.request),
      requestOrganizationId: r.request.organizationId,
      requestOrganizationCode: orgs.get(r.request.organizationId) ?? '?',
      providerOrganizationCode: orgs.get(r.match.providerOrganizationId) ?? '?',
      offerTitle: r.offer ? titleOf('offer', r.offer) : null,
      viewerSide:
        viewer?.organizationId === r.request.organizationId
          ? 'requester'
          : viewer?.organizationId === r.match.providerOrganizationId
            ? 'provider'
            : null,
    }));
  }

  return {
    async propose(actor: Viewer, input: unknown): Promise<Outcome<MatchView>> {
      if (!can(actor, { action: 'cooperation.broker' }))
        return forbidden('Only the Summits Secretariat proposes matches.');
      const parsed = proposeSchema.safeParse(input);
      if (!parsed.success) return invalid('Check the highlighted fields.', fieldErrorsFrom(parsed.error.issues));
      const { requestId, candidateId, note } = parsed.data;
      const [request] = await db.select().from(assistanceRequests).where(eq(assistanceRequests.id, requestId)).limit(1);
      if (!request || !request.publishedAt) return notFound('This request does not exist or is not published.');
      if (request.status !== 'open' && request.status !== 'in_brokering')
        return conflict(`This request is ${request.status.replace('_', ' ')}; it cannot get a new match.`);

      let offerId: string | null = null;
      let providerOrganizationId: string;
      if (candidateId.startsWith('peer:')) {
        providerOrganizationId = candidateId.slice(5);
        const [peer] = z.uuid().safeParse(providerOrganizationId).success
          ? await db.select().from(organizations).where(eq(organizations.id, providerOrganizationId))
          : [];
        if (!peer || peer.kind !== 'state')
          return invalid('This peer State does not exist.', { candidateId: ['Unknown peer State.'] });
      } else {
        const [offer] = z.uuid().safeParse(candidateId).success
          ? await db.select().from(cooperationOffers).where(eq(cooperationOffers.id, candidateId))
          : [];
        if (!offer || offer.status !== 'published')
          return invalid('This offer does not exist or is not published.', {
            candidateId: ['Unknown or unpublished offer.'],
          });
        // A first look, for a quick answer; the transaction below counts again under a lock on the offer.
        const used = (await matching.activeMatchesByOffer([offer.id])).get(offer.id) ?? 0;
        if (used >= (offer.capacity ?? 0)) return conflict(NO_PLACE_LEFT);
        offerId = offer.id;
        providerOrganizationId = offer.organizationId;
      }
      if (providerOrganizationId === request.organizationId)
        return invalid('A State cannot be matched with itself.', { candidateId: ['Choose another candidate.'] });

      const ranking = await matching.rankingFor(actor, requestId, 50);
      const candidate = ranking.ok ? ranking.value.find((c) => c.candidateId === candidateId) : undefined;

      const created = await db.transaction(async (tx) => {
        if (offerId) {
          // Two proposals for the last place run one after the other: the second counts the first's match. The lock is
          // the one initiatives take on their offers (services/initiatives), so matches and initiatives share it too.
          const [locked] = await tx
            .select({ capacity: cooperationOffers.capacity })
            .from(cooperationOffers)
            .where(eq(cooperationOffers.id, offerId))
            .for('update');
          const taken = (await offerPlacesUsed(tx, [offerId])).get(offerId) ?? 0;
          if (!locked || taken >= (locked.capacity ?? 0)) return 'full' as const;
        }
        const existing = await tx
          .select({ id: matches.id })
          .from(matches)
          .where(
            and(
              eq(matches.requestId, requestId),
              eq(matches.providerOrganizationId, providerOrganizationId),
              offerId ? eq(matches.offerId, offerId) : isNull(matches.offerId),
              inArray(matches.status, ['proposed', 'confirmed']),
            ),
          );
        if (existing.length) return null;
        const [row] = await tx
          .insert(matches)
          .values({
            requestId,
            offerId,
            providerOrganizationId,
            score: candidate?.score ?? null,
            explanation: candidate
              ? {
                  explanations: candidate.explanations,
                  explanationsEs: candidate.explanationsEs,
                  contributions: candidate.contributions.map((c) => ({
                    criterion: c.criterion,
                    contribution: c.contribution,
                  })),
                }
              : null,
            note: note ?? null,
            proposedBy: actor!.userId,
            proposedAt: now(),
          })
          .returning({ id: matches.id });
        await tx
          .update(assistanceRequests)
          .set({ status: 'in_brokering', updatedAt: now() })
          .where(eq(assistanceRequests.id, requestId));
        await writeAudit(tx, {
          action: 'match.proposed',
          actorUserId: actor!.userId,
          subjectType: 'match',
          subjectId: row.id,
          data: { requestId, offerId, providerOrganizationId, score: candidate?.score ?? null },
          ip: actor!.ip,
        });
        const notice = {
          kind: 'match.proposed',
          link: `/matches/${row.id}`,
          subject: 'A cooperation match is proposed',
          body: `The Summits Secretariat proposes a match for the request "${request.title}". Open it to accept or decline.`,
          data: { requestTitle: request.title },
        };
        await notifyOrganization(tx, request.organizationId, notice);
        await notifyOrganization(tx, providerOrganizationId, notice);
        return row.id;
      });
      if (created === 'full') return conflict(NO_PLACE_LEFT);
      if (!created) return conflict('This match is already proposed or confirmed.');
      events.emit('cooperation.changed', { kind: 'request', id: requestId });
      if (offerId) events.emit('cooperation.changed', { kind: 'offer', id: offerId });
      return ok((await view(actor, [created]))[0]);
    },

    async decide(actor: Viewer, matchId: string, input: unknown): Promise<Outcome<MatchView>> {
      const [current] = z.uuid().safeParse(matchId).success ? await view(actor, [matchId]) : [];
      if (
        !current ||
        !can(actor, {
          action: 'match.view',
          requesterOrganizationId: current.requestOrganizationId,
          providerOrganizationId: current.providerOrganizationId,
        })
      )
        return notFound('This match does not exist.');
      const side = current.viewerSide;
      if (!side || !can(actor, { action: 'match.decide', side, organizationId: actor!.organizationId }))
        return forbidden('Only a focal point of one of the two sides can accept or decline this match.');
      const parsed = decideSchema.safeParse(input);
      if (!parsed.success) return invalid('Check the highlighted fields.', fieldErrorsFrom(parsed.error.issues));
      if (current.status !== 'proposed') return conflict(alreadyDecided(current.status));
      const { decision, reason } = parsed.data;
      const at = now();
      const changed = await db.transaction(async (tx) => {
        const sideColumns =
          side === 'requester'
            ? {
                requesterDecision: decision,
                requesterReason: reason ?? null,
                requesterDecidedAt: at,
                requesterDecidedBy: actor!.userId,
              }
            : {
                providerDecision: decision,
                providerReason: reason ?? null,
                providerDecidedAt: at,
                providerDecidedBy: actor!.userId,
              };
        const undecided = side === 'requester' ? isNull(matches.requesterDecision) : isNull(matches.providerDecision);
        const [row] = await tx
          .update(matches)
          .set({ ...sideColumns, ...(decision === 'declined' ? { status: 'declined' as const } : {}) })
          .where(and(eq(matches.id, matchId), eq(matches.status, 'proposed'), undecided))
          .returning();
        if (!row) return null;
        let status = row.status;
        if (row.requesterDecision === 'accepted' && row.providerDecision === 'accepted') {
          await tx.update(matches).set({ status: 'confirmed', confirmedAt: at }).where(eq(matches.id, matchId));
          await tx
            .update(assistanceRequests)
            .set({ status: 'matched', matchedAt: at, updatedAt: at })
            .where(eq(assistanceRequests.id, row.requestId));
          status = 'confirmed';
        } else if (decision === 'declined') {
          // Back to open unless another proposal for the same request is still pending.
          const pending = await tx
            .select({ id: matches.id })
            .from(matches)
            .where(and(eq(matches.requestId, row.requestId), eq(matches.status, 'proposed')));
          if (!pending.length)
            await tx
              .update(assistanceRequests)
              .set({ status: 'open', updatedAt: at })
              .where(and(eq(assistanceRequests.id, row.requestId), eq(assistanceRequests.status, 'in_brokering')));
        }
        await writeAudit(tx, {
          action: `match.${side}_${decision}`,
          actorUserId: actor!.userId,
          organizationId: actor!.organizationId,
          subjectType: 'match',
          subjectId: matchId,
          data: { reason: reason ?? null, status },
          ip: actor!.ip,
        });
        const other = side === 'requester' ? row.providerOrganizationId : current.requestOrganizationId;
        const notice =
          status === 'confirmed'
            ? {
                kind: 'match.confirmed',
                link: `/matches/${matchId}`,
                subject: 'A cooperation match is confirmed',
                body: `Both sides accepted the match for "${current.requestTitle}".`,
                data: { requestTitle: current.requestTitle },
              }
            : decision === 'accepted'
              ? {
                  kind: 'match.accepted',
                  link: `/matches/${matchId}`,
                  subject: 'A match was accepted',
                  body: `The other side accepted the match for "${current.requestTitle}".`,
                  note: reason,
                  data: { requestTitle: current.requestTitle },
                }
              : {
                  kind: 'match.declined',
                  link: `/matches/${matchId}`,
                  subject: 'A match was declined',
                  body: `The other side declined the match for "${current.requestTitle}".`,
                  note: reason,
                  data: { requestTitle: current.requestTitle },
                };
        await notifyOrganization(tx, other, notice);
        if (status === 'confirmed' || decision === 'declined')
          await notifyOrganization(
            tx,
            side === 'requester' ? current.requestOrganizationId : row.providerOrganizationId,
            notice,
          );
        return row;
      });
      if (!changed) {
        const [latest] = await view(actor, [matchId]);
        return conflict(
          latest.status !== 'proposed'
            ? alreadyDecided(latest.status)
            : 'Your side has already decided on this match; nothing was changed.',
        );
      }
      events.emit('cooperation.changed', { kind: 'request', id: changed.requestId });
      if (changed.offerId) events.emit('cooperation.changed', { kind: 'offer', id: changed.offerId });
      const result = (await view(actor, [matchId]))[0];
      if (result.status === 'confirmed') events.emit('match.confirmed', { matchId });
      return ok(result);
    },

    async withdraw(actor: Viewer, matchId: string, reasonInput: unknown): Promise<Outcome<MatchView>> {
      if (!can(actor, { action: 'cooperation.broker' }))
        return forbidden('Only the Summits Secretariat withdraws a proposed match.');
      const reason = z
        .string()
        .trim()
        .min(5, 'Say briefly why (at least 5 characters).')
        .max(2000)
        .safeParse(reasonInput);
      if (!reason.success)
        return invalid('Check the highlighted fields.', { reason: reason.error.issues.map((i) => i.message) });
      if (!z.uuid().safeParse(matchId).success) return notFound('This match does not exist.');
      const at = now();
      const row = await db.transaction(async (tx) => {
        const [updated] = await tx
          .update(matches)
          .set({ status: 'withdrawn', withdrawnAt: at, withdrawnReason: reason.data })
          .where(and(eq(matches.id, matchId), eq(matches.status, 'proposed')))
          .returning();
        if (!updated) return null;
        const pending = await tx
          .select({ id: matches.id })
          .from(matches)
          .where(and(eq(matches.requestId, updated.requestId), eq(matches.status, 'proposed')));
        if (!pending.length)
          await tx
            .update(assistanceRequests)
            .set({ status: 'open', updatedAt: at })
            .where(and(eq(assistanceRequests.id, updated.requestId), eq(assistanceRequests.status, 'in_brokering')));
        await writeAudit(tx, {
          action: 'match.withdrawn',
          actorUserId: actor!.userId,
          subjectType: 'match',
          subjectId: matchId,
          data: { reason: reason.data },
          ip: actor!.ip,
        });
        return updated;
      });
      if (!row) return conflict('Only a proposed match can be withdrawn; this one is not (any more).');
      events.emit('cooperation.changed', { kind: 'request', id: row.requestId });
      if (row.offerId) events.emit('cooperation.changed', { kind: 'offer', id: row.offerId });
      return ok((await view(actor, [matchId]))[0]);
    },

    async get(viewer: Viewer, matchId: string): Promise<Outcome<MatchView>> {
      const [match] = z.uuid().safeParse(matchId).success ? await view(viewer, [matchId]) : [];
      if (!match || !mayView(viewer, match)) return notFound('This match does not exist.');
      return ok(match);
    },

    /**
     * Whether the viewer opens this match's page (`get` gives it, not "not found"), for pages that link to it: a room
     * grown from a match also holds the organizations the Secretariat invited later, whose members may not open it.
     */
    async mayOpen(viewer: Viewer, matchId: string): Promise<boolean> {
      if (!z.uuid().safeParse(matchId).success) return false;
      const [match] = await db
        .select({
          requestOrganizationId: assistanceRequests.organizationId,
          providerOrganizationId: matches.providerOrganizationId,
        })
        .from(matches)
        .innerJoin(assistanceRequests, eq(assistanceRequests.id, matches.requestId))
        .where(eq(matches.id, matchId));
      return !!match && mayView(viewer, match);
    },

    /** The matches the viewer's organization is part of; every match for the Secretariat. */
    async list(actor: Actor): Promise<MatchView[]> {
      const scope = can(actor, { action: 'cooperation.broker' })
        ? undefined
        : or(
            eq(matches.providerOrganizationId, actor.organizationId),
            eq(assistanceRequests.organizationId, actor.organizationId),
          );
      const rows = await db
        .select({ id: matches.id })
        .from(matches)
        .innerJoin(assistanceRequests, eq(assistanceRequests.id, matches.requestId))
        .where(scope)
        .orderBy(desc(matches.proposedAt))
        .limit(200);
      return view(
        actor,
        rows.map((r) => r.id),
      );
    },
  };
}
export type BrokeringService = ReturnType<typeof createBrokeringService>;
