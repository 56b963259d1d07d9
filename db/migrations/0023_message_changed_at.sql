-- A message's last change after it was sent (decision 034): a reconnecting client asks for what changed while it was away.
ALTER TABLE "messages" ADD COLUMN "changed_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "messages_room_changed_idx" ON "messages" USING btree ("roundtable_id","changed_at") WHERE "messages"."changed_at" is not null;