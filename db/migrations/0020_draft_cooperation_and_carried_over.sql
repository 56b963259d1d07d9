ALTER TABLE "assistance_requests" ALTER COLUMN "modality" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "cooperation_offers" ALTER COLUMN "modality" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "cooperation_offers" ALTER COLUMN "capacity" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "disclosure_requests" ADD COLUMN "carried_over" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- Requests carried into an update cycle used to say so in English at the start of the decision note: keep the fact,
-- and leave only the Chair's own note (if any) as the note.
UPDATE "disclosure_requests" SET "carried_over" = true, "decision_note" = NULLIF(btrim(substr("decision_note", 38)), '') WHERE "decision_note" LIKE 'Carried over from the previous cycle.%';
