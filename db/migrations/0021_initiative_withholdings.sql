CREATE TYPE "public"."initiative_withholding_status" AS ENUM('pending', 'granted', 'refused');--> statement-breakpoint
CREATE TABLE "initiative_withholdings" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"part" text NOT NULL,
	"part_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"status" "initiative_withholding_status" DEFAULT 'pending' NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decision_note" text,
	CONSTRAINT "initiative_withholdings_part" CHECK ("initiative_withholdings"."part" in ('outcome', 'document', 'funding'))
);
--> statement-breakpoint
ALTER TABLE "initiative_withholdings" ADD CONSTRAINT "initiative_withholdings_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_withholdings" ADD CONSTRAINT "initiative_withholdings_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_withholdings" ADD CONSTRAINT "initiative_withholdings_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_withholdings" ADD CONSTRAINT "initiative_withholdings_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "initiative_withholdings_part_idx" ON "initiative_withholdings" USING btree ("part","part_id","status");--> statement-breakpoint
CREATE INDEX "initiative_withholdings_initiative_idx" ON "initiative_withholdings" USING btree ("initiative_id");