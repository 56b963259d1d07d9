-- Per-room message numbers (decision 007): messages.seq is 1, 2, 3… in each room, in commit order, without gaps.
ALTER TABLE "messages" ADD COLUMN "seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "roundtables" ADD COLUMN "last_seq" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Existing messages are numbered in id order, which is the order they were shown in until now.
UPDATE "messages" AS m SET "seq" = n."seq"
  FROM (SELECT "id", row_number() OVER (PARTITION BY "roundtable_id" ORDER BY "id") AS "seq" FROM "messages") AS n
  WHERE n."id" = m."id";--> statement-breakpoint
UPDATE "roundtables" AS r SET "last_seq" = coalesce((SELECT max("seq") FROM "messages" WHERE "roundtable_id" = r."id"), 0);--> statement-breakpoint
DROP INDEX "messages_author_client_idx";--> statement-breakpoint
DROP INDEX "messages_room_idx";--> statement-breakpoint
-- A resend is recognised within its room: the room's lock (below) then also covers the duplicate check.
CREATE UNIQUE INDEX "messages_room_author_client_idx" ON "messages" USING btree ("roundtable_id","author_id","client_id");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_room_seq_idx" ON "messages" USING btree ("roundtable_id","seq");--> statement-breakpoint
-- Every inserted message takes its room's next number. The UPDATE locks the room's row until the transaction ends,
-- so a room's messages commit one after another in seq order, whichever server process stores them: a reader who
-- has seq n has every message up to n. A resend that committed while this one waited for the lock (another
-- process, same room, same client id) is seen by the EXISTS below, which in READ COMMITTED reads a fresh snapshot
-- taken after the lock was granted: the number is given back and the row skipped, so no number is ever lost.
CREATE FUNCTION "messages_assign_seq"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  next_seq bigint;
BEGIN
  UPDATE "roundtables" SET "last_seq" = "last_seq" + 1 WHERE "id" = NEW."roundtable_id" RETURNING "last_seq" INTO next_seq;
  IF next_seq IS NULL THEN
    RETURN NEW; -- no such room: the foreign key refuses the row
  END IF;
  IF EXISTS (SELECT 1 FROM "messages" WHERE "roundtable_id" = NEW."roundtable_id" AND "author_id" = NEW."author_id" AND "client_id" = NEW."client_id") THEN
    UPDATE "roundtables" SET "last_seq" = "last_seq" - 1 WHERE "id" = NEW."roundtable_id";
    RETURN NULL;
  END IF;
  NEW."seq" := next_seq;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER "messages_assign_seq" BEFORE INSERT ON "messages" FOR EACH ROW EXECUTE FUNCTION "messages_assign_seq"();
