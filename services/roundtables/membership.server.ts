import { and, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { z } from 'zod';
import {
  memberships,
  organizations,
  roundtableMembers,
  roundtableOrganizations,
  roundtables,
  users,
} from '../../db/schema';
import type { Viewer } from '../actor';
import { writeAudit } from '../audit/audit.server';
import { notifyOrganization } from '../notifications/notifications.server';
import { invalid, notFound, ok, type Outcome } from '../outcome';
import {
  requireConvener,
  requireModerator,
  requireOpenRoom,
  type RoomAccessService,
  type RoomDeps,
  type Transaction,
} from './access.server';

/** The active people of these organizations join the room as participants, and these people as moderators. */
export async function addOrganizationMembers(
  tx: Transaction,
  roundtableId: string,
  organizationIds: string[],
  moderatorIds: string[],
) {
  const people = organizationIds.length
    ? await tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(and(inArray(memberships.organizationId, organizationIds), isNull(users.disabledAt)))
    : [];
  const ids = new Set([...people.map((p) => p.userId), ...moderatorIds]);
  if (!ids.size) return 0;
  const added = await tx
    .insert(roundtableMembers)
    .values(
      [...ids].map((userId) => ({
        roundtableId,
        userId,
        role: moderatorIds.includes(userId) ? ('moderator' as const) : ('participant' as const),
      })),
    )
    .onConflictDoNothing()
    .returning({ userId: roundtableMembers.userId });
  return added.length;
}

/**
 * Who is in a room and on what terms: moderators mute, remove and add back; the Secretariat names moderators and
 * invites organizations; people who join an organization join its open rooms.
 */
export function createMembershipModule({ db, events, now }: RoomDeps, { enter }: RoomAccessService) {
  /** A live membership (not removed) of this person in this room. */
  const liveMember = (roundtableId: string, userId: string) =>
    and(
      eq(roundtableMembers.roundtableId, roundtableId),
      eq(roundtableMembers.userId, userId),
      isNull(roundtableMembers.removedAt),
    );

  /** An id from outside (a form, a socket) that is no uuid names nobody: "not a member", never a failed query. */
  const notAMember = (userId: string) =>
    z.uuid().safeParse(userId).success ? null : notFound('This person is not a member of the roundtable.');

  return {
    async mute(actor: Viewer, roundtableId: string, userId: string, minutesInput: unknown) {
      const allowed = await enter(actor, roundtableId, requireModerator('Only moderators mute participants.'));
      if (!allowed.ok) return allowed;
      const unknown = notAMember(userId);
      if (unknown) return unknown;
      const minutes = z.coerce
        .number()
        .int()
        .min(0)
        .max(24 * 60)
        .safeParse(minutesInput);
      if (!minutes.success) return invalid('Mute for 0 to 1440 minutes (0 lifts the mute).');
      const until = minutes.data ? new Date(now().getTime() + minutes.data * 60_000) : null;
      const updated = await db.transaction(async (tx) => {
        const rows = await tx
          .update(roundtableMembers)
          .set({ mutedUntil: until })
          .where(liveMember(roundtableId, userId))
          .returning({ userId: roundtableMembers.userId });
        if (rows.length)
          await writeAudit(tx, {
            action: 'roundtable.member_muted',
            actorUserId: actor!.userId,
            subjectType: 'user',
            subjectId: userId,
            data: { roundtableId, minutes: minutes.data },
          });
        return rows;
      });
      if (!updated.length) return notFound('This person is not a member of the roundtable.');
      // The person hears it at once (with the end time) and their raised hand comes down (realtime/roundtables.ts).
      events.emit('roundtable.member_muted', { roundtableId, userId, mutedUntil: until?.toISOString() ?? null });
      events.emit('roundtable.changed', { roundtableId, what: 'members' });
      return ok({ userId, mutedUntil: until?.toISOString() ?? null });
    },

    async removeMember(actor: Viewer, roundtableId: string, userId: string) {
      const allowed = await enter(actor, roundtableId, requireModerator('Only moderators remove participants.'));
      if (!allowed.ok) return allowed;
      if (userId === actor!.userId) return invalid('You cannot remove yourself; ask another moderator.');
      const unknown = notAMember(userId);
      if (unknown) return unknown;
      const updated = await db.transaction(async (tx) => {
        const rows = await tx
          .update(roundtableMembers)
          .set({ removedAt: now() })
          .where(liveMember(roundtableId, userId))
          .returning({ userId: roundtableMembers.userId });
        if (rows.length)
          await writeAudit(tx, {
            action: 'roundtable.member_removed',
            actorUserId: actor!.userId,
            subjectType: 'user',
            subjectId: userId,
            data: { roundtableId },
          });
        return rows;
      });
      if (!updated.length) return notFound('This person is not a member of the roundtable.');
      events.emit('roundtable.member_removed', { roundtableId, userId });
      events.emit('roundtable.changed', { roundtableId, what: 'members' });
      return ok({ userId });
    },

    /** The Secretariat names (or un-names) moderators among the members. */
    async setMemberRole(actor: Viewer, roundtableId: string, userId: string, roleInput: unknown) {
      const allowed = await enter(
        actor,
        roundtableId,
        requireConvener(actor, 'Only the Summits Secretariat names moderators.'),
      );
      if (!allowed.ok) return allowed;
      const unknown = notAMember(userId);
      if (unknown) return unknown;
      const role = z.enum(['moderator', 'participant']).safeParse(roleInput);
      if (!role.success) return invalid('The role is moderator or participant.');
      const updated = await db
        .update(roundtableMembers)
        .set({ role: role.data })
        .where(liveMember(roundtableId, userId))
        .returning({ userId: roundtableMembers.userId });
      if (!updated.length) return notFound('This person is not a member of the roundtable.');
      await writeAudit(db, {
        action: 'roundtable.member_role_changed',
        actorUserId: actor!.userId,
        subjectType: 'user',
        subjectId: userId,
        data: { roundtableId, role: role.data },
      });
      events.emit('roundtable.changed', { roundtableId, what: 'members' });
      return ok({ userId, role: role.data });
    },

    /**
     * Invites one more organization: all its active people become participants. Asking again for an organization
     * already in the room brings in its people who are not members yet (someone who joined it since), without
     * telling the organization twice. People a moderator removed stay removed: only "add back" restores them.
     */
    async addOrganization(
      actor: Viewer,
      roundtableId: string,
      organizationId: string,
    ): Promise<
      Outcome<{ organizationId: string; nameEn: string; nameEs: string; added: number; alreadyInvited: boolean }>
    > {
      const allowed = await enter(
        actor,
        roundtableId,
        requireConvener(actor, 'Only the Summits Secretariat invites organizations to a roundtable.'),
        requireOpenRoom,
      );
      if (!allowed.ok) return allowed;
      const [organization] = z.uuid().safeParse(organizationId).success
        ? await db.select().from(organizations).where(eq(organizations.id, organizationId))
        : [];
      if (!organization) return notFound('This organization does not exist.');
      const title = allowed.value.room.title;
      const outcome = await db.transaction(async (tx) => {
        const invited = await tx
          .insert(roundtableOrganizations)
          .values({ roundtableId, organizationId })
          .onConflictDoNothing()
          .returning({ organizationId: roundtableOrganizations.organizationId });
        const added = await addOrganizationMembers(tx, roundtableId, [organizationId], []);
        if (invited.length) {
          await notifyOrganization(tx, organizationId, {
            kind: 'roundtable.opened',
            link: `/roundtables/${roundtableId}`,
            subject: `Roundtable: ${title}`,
            body: `Your organization was invited to the roundtable "${title}".`,
            data: { title },
          });
        }
        await writeAudit(tx, {
          action: 'roundtable.organization_invited',
          actorUserId: actor!.userId,
          organizationId,
          subjectType: 'roundtable',
          subjectId: roundtableId,
          data: { added, alreadyInvited: !invited.length },
        });
        return {
          organizationId,
          nameEn: organization.nameEn,
          nameEs: organization.nameEs,
          added,
          alreadyInvited: !invited.length,
        };
      });
      events.emit('roundtable.changed', { roundtableId, what: 'members' });
      return ok(outcome);
    },

    /** Moderators add back someone they removed: the same membership (role, read mark) comes back. */
    async restoreMember(actor: Viewer, roundtableId: string, userId: string): Promise<Outcome<{ userId: string }>> {
      const allowed = await enter(
        actor,
        roundtableId,
        requireModerator('Only moderators add people back.'),
        requireOpenRoom,
      );
      if (!allowed.ok) return allowed;
      const restored = z.uuid().safeParse(userId).success
        ? await db
            .update(roundtableMembers)
            .set({ removedAt: null })
            .where(
              and(
                eq(roundtableMembers.roundtableId, roundtableId),
                eq(roundtableMembers.userId, userId),
                isNotNull(roundtableMembers.removedAt),
              ),
            )
            .returning({ userId: roundtableMembers.userId })
        : [];
      if (!restored.length) return notFound('This person was not removed from the roundtable.');
      await writeAudit(db, {
        action: 'roundtable.member_restored',
        actorUserId: actor!.userId,
        subjectType: 'user',
        subjectId: userId,
        data: { roundtableId },
      });
      events.emit('roundtable.changed', { roundtableId, what: 'members' });
      return ok({ userId });
    },

    /**
     * Someone who joins an organization (an accepted invitation) joins its open rooms, as the organization's people
     * did when it was invited. Rooms they were removed from stay closed to them. It acts for no one, so it checks
     * the person really is an active member of that organization: it can only ever do what the invitation did.
     */
    async joinOrganizationRooms(userId: string, organizationId: string): Promise<number> {
      const [member] = await db
        .select({ userId: memberships.userId })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(
          and(eq(memberships.userId, userId), eq(memberships.organizationId, organizationId), isNull(users.disabledAt)),
        );
      if (!member) return 0;
      const rooms = await db
        .select({ roundtableId: roundtableOrganizations.roundtableId })
        .from(roundtableOrganizations)
        .innerJoin(roundtables, eq(roundtables.id, roundtableOrganizations.roundtableId))
        .where(and(eq(roundtableOrganizations.organizationId, organizationId), eq(roundtables.status, 'open')));
      if (!rooms.length) return 0;
      const added = await db
        .insert(roundtableMembers)
        .values(rooms.map((r) => ({ roundtableId: r.roundtableId, userId, role: 'participant' as const })))
        .onConflictDoNothing()
        .returning({ roundtableId: roundtableMembers.roundtableId });
      for (const { roundtableId } of added) events.emit('roundtable.changed', { roundtableId, what: 'members' });
      return added.length;
    },
  };
}
