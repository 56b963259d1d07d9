ALTER TABLE "assistance_requests" ADD COLUMN "pending_update" jsonb;--> statement-breakpoint
ALTER TABLE "assistance_requests" ADD COLUMN "held_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assistance_requests" ADD COLUMN "own_text_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cooperation_offers" ADD COLUMN "source_answer_id" uuid;--> statement-breakpoint
ALTER TABLE "cooperation_offers" ADD COLUMN "pending_update" jsonb;--> statement-breakpoint
ALTER TABLE "cooperation_offers" ADD COLUMN "held_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "cooperation_offers" ADD COLUMN "own_text_at" timestamp with time zone;