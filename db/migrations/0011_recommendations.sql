CREATE TYPE "public"."recommendation_language" AS ENUM('en', 'es', 'fr', 'pt');--> statement-breakpoint
CREATE TYPE "public"."recommendation_status" AS ENUM('pending', 'published', 'declined', 'withdrawn');--> statement-breakpoint
CREATE TABLE "recommendations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"mandate_id" uuid,
	"cycle_id" uuid,
	"title" text NOT NULL,
	"text" text NOT NULL,
	"language" "recommendation_language" NOT NULL,
	"status" "recommendation_status" DEFAULT 'pending' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone,
	"decline_reason" text,
	"withdrawn_by" uuid,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "recommendations_target_check" CHECK ("recommendations"."mandate_id" is not null or "recommendations"."cycle_id" is not null),
	CONSTRAINT "recommendations_decline_reason_check" CHECK ("recommendations"."status" <> 'declined' or "recommendations"."decline_reason" is not null)
);
--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_mandate_id_mandates_id_fk" FOREIGN KEY ("mandate_id") REFERENCES "public"."mandates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_cycle_id_reporting_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."reporting_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "recommendations" ADD CONSTRAINT "recommendations_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "recommendations_status_idx" ON "recommendations" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "recommendations_org_idx" ON "recommendations" USING btree ("organization_id","created_at");--> statement-breakpoint
CREATE INDEX "recommendations_mandate_idx" ON "recommendations" USING btree ("mandate_id","status");--> statement-breakpoint
CREATE INDEX "recommendations_cycle_idx" ON "recommendations" USING btree ("cycle_id","status");