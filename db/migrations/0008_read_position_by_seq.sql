-- Read marks by room position (decision 007): a member's read mark is the seq of the last message seen, not its id.
-- With several server processes a message with a lower id can commit after one with a higher id; counted by id, it
-- would never be unread for someone who had read past the higher one.
ALTER TABLE "roundtable_members" ADD COLUMN "last_read_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- The old mark read up to an id: in seq terms, the highest seq among the room's messages up to that id.
UPDATE "roundtable_members" AS m SET "last_read_seq" = coalesce(
  (SELECT max("seq") FROM "messages" WHERE "roundtable_id" = m."roundtable_id" AND "id" <= m."last_read_message_id"), 0);--> statement-breakpoint
ALTER TABLE "roundtable_members" DROP COLUMN "last_read_message_id";
