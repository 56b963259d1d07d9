import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { agendaItems } from '../../db/schema';
import type { Viewer } from '../actor';
import { invalid, notFound, ok } from '../outcome';
import { requireModerator, type RoomAccessService, type RoomDeps } from './access.server';
import { MAX_AGENDA_TITLE_LENGTH } from './limits';

const agendaTitleSchema = z
  .string()
  .trim()
  .min(2, 'Give the item a title.')
  .max(MAX_AGENDA_TITLE_LENGTH, `Keep the item under ${MAX_AGENDA_TITLE_LENGTH} characters.`);

/** A room's agenda: moderators add, reorder, move and mark items; everyone in the room reads it. */
export function createAgendaModule({ db, events, now }: RoomDeps, { enter }: RoomAccessService) {
  const moderatorsOnly = requireModerator('Only moderators change the agenda.');

  const module = {
    agenda: (roundtableId: string) =>
      db
        .select()
        .from(agendaItems)
        .where(eq(agendaItems.roundtableId, roundtableId))
        .orderBy(asc(agendaItems.position)),

    async addAgendaItem(actor: Viewer, roundtableId: string, titleInput: unknown) {
      const allowed = await enter(actor, roundtableId, moderatorsOnly);
      if (!allowed.ok) return allowed;
      const title = agendaTitleSchema.safeParse(titleInput);
      if (!title.success)
        return invalid(title.error.issues[0].message, { title: title.error.issues.map((i) => i.message) });
      const [{ next }] = await db
        .select({ next: sql<number>`coalesce(max(${agendaItems.position}), 0) + 1` })
        .from(agendaItems)
        .where(eq(agendaItems.roundtableId, roundtableId));
      await db.insert(agendaItems).values({ roundtableId, title: title.data, position: Number(next) });
      events.emit('roundtable.changed', { roundtableId, what: 'agenda' });
      return ok(await module.agenda(roundtableId));
    },

    async reorderAgenda(actor: Viewer, roundtableId: string, orderInput: unknown) {
      const allowed = await enter(actor, roundtableId, moderatorsOnly);
      if (!allowed.ok) return allowed;
      const order = z.array(z.uuid()).safeParse(orderInput);
      const current = await module.agenda(roundtableId);
      if (
        !order.success ||
        order.data.length !== current.length ||
        !current.every((item) => order.data.includes(item.id))
      ) {
        return invalid('Send every agenda item id exactly once, in the new order.');
      }
      await db.transaction(async (tx) => {
        for (const [index, id] of order.data.entries())
          await tx
            .update(agendaItems)
            .set({ position: index + 1, updatedAt: now() })
            .where(and(eq(agendaItems.id, id), eq(agendaItems.roundtableId, roundtableId)));
      });
      events.emit('roundtable.changed', { roundtableId, what: 'agenda' });
      return ok(await module.agenda(roundtableId));
    },

    /** One step up or down (the room page's buttons, which work without JavaScript); at either end, nothing moves. */
    async moveAgendaItem(actor: Viewer, roundtableId: string, itemId: string, directionInput: unknown) {
      const allowed = await enter(actor, roundtableId, moderatorsOnly);
      if (!allowed.ok) return allowed;
      const direction = z.enum(['up', 'down']).safeParse(directionInput);
      if (!direction.success) return invalid('Move an agenda item up or down.');
      const items = await module.agenda(roundtableId);
      const from = items.findIndex((item) => item.id === itemId);
      if (from < 0) return notFound('This agenda item does not exist.');
      const to = direction.data === 'up' ? from - 1 : from + 1;
      if (to < 0 || to >= items.length) return ok(items);
      // The two neighbours trade places; nothing else moves.
      const [moving, other] = [items[from], items[to]];
      await db.transaction(async (tx) => {
        await tx
          .update(agendaItems)
          .set({ position: other.position, updatedAt: now() })
          .where(eq(agendaItems.id, moving.id));
        await tx
          .update(agendaItems)
          .set({ position: moving.position, updatedAt: now() })
          .where(eq(agendaItems.id, other.id));
      });
      events.emit('roundtable.changed', { roundtableId, what: 'agenda' });
      return ok(await module.agenda(roundtableId));
    },

    async markAgendaItem(actor: Viewer, roundtableId: string, itemId: string, statusInput: unknown) {
      const allowed = await enter(actor, roundtableId, moderatorsOnly);
      if (!allowed.ok) return allowed;
      const status = z.enum(['pending', 'in_discussion', 'done']).safeParse(statusInput);
      if (!status.success) return invalid('Status is pending, in_discussion or done.');
      if (!z.uuid().safeParse(itemId).success) return notFound('This agenda item does not exist.');
      const updated = await db
        .update(agendaItems)
        .set({ status: status.data, updatedAt: now() })
        .where(and(eq(agendaItems.id, itemId), eq(agendaItems.roundtableId, roundtableId)))
        .returning({ id: agendaItems.id });
      if (!updated.length) return notFound('This agenda item does not exist.');
      events.emit('roundtable.changed', { roundtableId, what: 'agenda' });
      return ok(await module.agenda(roundtableId));
    },
  };
  return module;
}
