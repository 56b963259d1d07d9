CREATE TABLE "questionnaire_publications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"cycle_id" uuid NOT NULL,
	"questionnaire_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"basis" text NOT NULL,
	"submitted_at" timestamp with time zone NOT NULL,
	"published_at" timestamp with time zone NOT NULL,
	"answers" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "disclosure_requests" ADD COLUMN "chair_reply_reference" text;--> statement-breakpoint
ALTER TABLE "disclosure_requests" ADD COLUMN "chair_reply_attachment_id" uuid;--> statement-breakpoint
ALTER TABLE "disclosure_requests" ADD COLUMN "amend_until" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "disclosure_requests" ADD COLUMN "withdrawn_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "disclosure_requests" ADD COLUMN "withdrawn_by" uuid;--> statement-breakpoint
ALTER TABLE "disclosure_requests" ADD COLUMN "released_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "questionnaire_publications" ADD CONSTRAINT "questionnaire_publications_cycle_id_reporting_cycles_id_fk" FOREIGN KEY ("cycle_id") REFERENCES "public"."reporting_cycles"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_publications" ADD CONSTRAINT "questionnaire_publications_questionnaire_id_questionnaires_id_fk" FOREIGN KEY ("questionnaire_id") REFERENCES "public"."questionnaires"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "questionnaire_publications" ADD CONSTRAINT "questionnaire_publications_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "questionnaire_publications_version_idx" ON "questionnaire_publications" USING btree ("questionnaire_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "questionnaire_publications_basis_idx" ON "questionnaire_publications" USING btree ("questionnaire_id","basis");--> statement-breakpoint
CREATE INDEX "questionnaire_publications_cycle_idx" ON "questionnaire_publications" USING btree ("cycle_id","organization_id");--> statement-breakpoint
ALTER TABLE "disclosure_requests" ADD CONSTRAINT "disclosure_requests_chair_reply_attachment_id_attachments_id_fk" FOREIGN KEY ("chair_reply_attachment_id") REFERENCES "public"."attachments"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disclosure_requests" ADD CONSTRAINT "disclosure_requests_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;