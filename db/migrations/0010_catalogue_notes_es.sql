ALTER TABLE "mandates" ADD COLUMN "note_es" text;--> statement-breakpoint
ALTER TABLE "sections" ADD COLUMN "note_es" text;