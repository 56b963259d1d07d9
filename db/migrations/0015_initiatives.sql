CREATE TYPE "public"."initiative_participant_role" AS ENUM('requesting', 'providing', 'co_operating', 'funding');--> statement-breakpoint
CREATE TYPE "public"."initiative_status" AS ENUM('planned', 'in_progress', 'completed', 'suspended');--> statement-breakpoint
CREATE TYPE "public"."initiative_update_status" AS ENUM('pending', 'accepted', 'declined');--> statement-breakpoint
CREATE TYPE "public"."initiative_outcome_status" AS ENUM('proposed', 'agreed', 'published', 'declined');--> statement-breakpoint
CREATE TABLE "initiative_funding" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"source" text NOT NULL,
	"amount" numeric(16, 2) NOT NULL,
	"currency" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "initiative_funding_agreements" (
	"funding_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"agreed_by" uuid NOT NULL,
	"agreed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "initiative_funding_agreements_funding_id_organization_id_pk" PRIMARY KEY("funding_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "initiative_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"request_id" uuid,
	"offer_id" uuid,
	"match_id" uuid,
	"roundtable_id" uuid,
	"meeting_id" uuid,
	CONSTRAINT "initiative_links_one_target" CHECK (num_nonnulls("initiative_links"."request_id", "initiative_links"."offer_id", "initiative_links"."match_id", "initiative_links"."roundtable_id", "initiative_links"."meeting_id") = 1)
);
--> statement-breakpoint
CREATE TABLE "initiative_mandates" (
	"initiative_id" uuid NOT NULL,
	"mandate_id" uuid NOT NULL,
	CONSTRAINT "initiative_mandates_initiative_id_mandate_id_pk" PRIMARY KEY("initiative_id","mandate_id")
);
--> statement-breakpoint
CREATE TABLE "initiative_outcome_agreements" (
	"outcome_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"agreed_by" uuid NOT NULL,
	"agreed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "initiative_outcome_agreements_outcome_id_organization_id_pk" PRIMARY KEY("outcome_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "initiative_outcome_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"outcome_id" uuid NOT NULL,
	"title" text NOT NULL,
	"file_name" text NOT NULL,
	"media_type" text NOT NULL,
	"size_bytes" integer NOT NULL,
	"sha256" text NOT NULL,
	"storage_key" text NOT NULL,
	"uploaded_by" uuid,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "initiative_outcomes" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"series_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"text" text NOT NULL,
	"started_on" date,
	"ended_on" date,
	"figures" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"status" "initiative_outcome_status" DEFAULT 'proposed' NOT NULL,
	"proposed_by_organization_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"declined_reason" text
);
--> statement-breakpoint
CREATE TABLE "initiative_participants" (
	"initiative_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"role" "initiative_participant_role" NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "initiative_participants_initiative_id_organization_id_pk" PRIMARY KEY("initiative_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "initiative_updates" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"initiative_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	"changes" jsonb NOT NULL,
	"note" text,
	"status" "initiative_update_status" DEFAULT 'pending' NOT NULL,
	"proposed_by" uuid NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" uuid,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "initiatives" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"forms" text[] NOT NULL,
	"starts_on" date,
	"ends_on" date,
	"status" "initiative_status" DEFAULT 'planned' NOT NULL,
	"published_at" timestamp with time zone,
	"published_by" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "initiatives_period_check" CHECK ("initiatives"."starts_on" is null or "initiatives"."ends_on" is null or "initiatives"."starts_on" <= "initiatives"."ends_on")
);
--> statement-breakpoint
ALTER TABLE "initiative_funding" ADD CONSTRAINT "initiative_funding_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_funding" ADD CONSTRAINT "initiative_funding_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_funding_agreements" ADD CONSTRAINT "initiative_funding_agreements_funding_id_initiative_funding_id_fk" FOREIGN KEY ("funding_id") REFERENCES "public"."initiative_funding"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_funding_agreements" ADD CONSTRAINT "initiative_funding_agreements_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_funding_agreements" ADD CONSTRAINT "initiative_funding_agreements_agreed_by_users_id_fk" FOREIGN KEY ("agreed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_links" ADD CONSTRAINT "initiative_links_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_links" ADD CONSTRAINT "initiative_links_request_id_assistance_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."assistance_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_links" ADD CONSTRAINT "initiative_links_offer_id_cooperation_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."cooperation_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_links" ADD CONSTRAINT "initiative_links_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_links" ADD CONSTRAINT "initiative_links_roundtable_id_roundtables_id_fk" FOREIGN KEY ("roundtable_id") REFERENCES "public"."roundtables"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_mandates" ADD CONSTRAINT "initiative_mandates_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_mandates" ADD CONSTRAINT "initiative_mandates_mandate_id_mandates_id_fk" FOREIGN KEY ("mandate_id") REFERENCES "public"."mandates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_outcome_agreements" ADD CONSTRAINT "initiative_outcome_agreements_outcome_id_initiative_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."initiative_outcomes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_outcome_agreements" ADD CONSTRAINT "initiative_outcome_agreements_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_outcome_agreements" ADD CONSTRAINT "initiative_outcome_agreements_agreed_by_users_id_fk" FOREIGN KEY ("agreed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_outcome_documents" ADD CONSTRAINT "initiative_outcome_documents_outcome_id_initiative_outcomes_id_fk" FOREIGN KEY ("outcome_id") REFERENCES "public"."initiative_outcomes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_outcome_documents" ADD CONSTRAINT "initiative_outcome_documents_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_outcomes" ADD CONSTRAINT "initiative_outcomes_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_outcomes" ADD CONSTRAINT "initiative_outcomes_proposed_by_organization_id_organizations_id_fk" FOREIGN KEY ("proposed_by_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_outcomes" ADD CONSTRAINT "initiative_outcomes_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_outcomes" ADD CONSTRAINT "initiative_outcomes_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_participants" ADD CONSTRAINT "initiative_participants_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_participants" ADD CONSTRAINT "initiative_participants_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_updates" ADD CONSTRAINT "initiative_updates_initiative_id_initiatives_id_fk" FOREIGN KEY ("initiative_id") REFERENCES "public"."initiatives"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_updates" ADD CONSTRAINT "initiative_updates_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_updates" ADD CONSTRAINT "initiative_updates_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiative_updates" ADD CONSTRAINT "initiative_updates_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_published_by_users_id_fk" FOREIGN KEY ("published_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "initiatives" ADD CONSTRAINT "initiatives_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "initiative_links_initiative_idx" ON "initiative_links" USING btree ("initiative_id");--> statement-breakpoint
CREATE INDEX "initiative_links_request_idx" ON "initiative_links" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "initiative_links_offer_idx" ON "initiative_links" USING btree ("offer_id");--> statement-breakpoint
CREATE UNIQUE INDEX "initiative_links_match_idx" ON "initiative_links" USING btree ("match_id");--> statement-breakpoint
CREATE UNIQUE INDEX "initiative_outcomes_series_version_idx" ON "initiative_outcomes" USING btree ("series_id","version");--> statement-breakpoint
CREATE INDEX "initiative_outcomes_initiative_idx" ON "initiative_outcomes" USING btree ("initiative_id","status");--> statement-breakpoint
CREATE INDEX "initiative_participants_org_idx" ON "initiative_participants" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "initiative_updates_initiative_idx" ON "initiative_updates" USING btree ("initiative_id","status");--> statement-breakpoint
CREATE INDEX "initiatives_status_idx" ON "initiatives" USING btree ("status");--> statement-breakpoint
CREATE INDEX "initiatives_published_idx" ON "initiatives" USING btree ("published_at");