CREATE TYPE "public"."decision" AS ENUM('accepted', 'declined');--> statement-breakpoint
CREATE TYPE "public"."match_status" AS ENUM('proposed', 'confirmed', 'declined', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."modality" AS ENUM('in_person', 'virtual', 'either');--> statement-breakpoint
CREATE TYPE "public"."offer_kind" AS ENUM('jswg', 'peer_state');--> statement-breakpoint
CREATE TYPE "public"."offer_status" AS ENUM('draft', 'published', 'withdrawn');--> statement-breakpoint
CREATE TYPE "public"."request_status" AS ENUM('open', 'in_brokering', 'matched', 'in_progress', 'fulfilled', 'withdrawn');--> statement-breakpoint
CREATE TABLE "assistance_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"types" text[] NOT NULL,
	"languages" text[] NOT NULL,
	"modality" "modality" NOT NULL,
	"needed_from" date,
	"needed_to" date,
	"status" "request_status" DEFAULT 'open' NOT NULL,
	"published_at" timestamp with time zone,
	"source_answer_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"matched_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cooperation_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"organization_id" uuid NOT NULL,
	"kind" "offer_kind" NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"types" text[] NOT NULL,
	"languages" text[] NOT NULL,
	"modality" "modality" NOT NULL,
	"capacity" integer NOT NULL,
	"funding" text,
	"valid_from" date,
	"valid_to" date,
	"status" "offer_status" DEFAULT 'draft' NOT NULL,
	"published_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cooperation_offers_capacity_check" CHECK ("cooperation_offers"."capacity" >= 0)
);
--> statement-breakpoint
CREATE TABLE "mail_outbox" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"to_address" text NOT NULL,
	"subject" text NOT NULL,
	"body" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	"error" text
);
--> statement-breakpoint
CREATE TABLE "matches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"offer_id" uuid,
	"provider_organization_id" uuid NOT NULL,
	"score" real,
	"explanation" jsonb,
	"status" "match_status" DEFAULT 'proposed' NOT NULL,
	"note" text,
	"proposed_by" uuid,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"requester_decision" "decision",
	"requester_reason" text,
	"requester_decided_at" timestamp with time zone,
	"requester_decided_by" uuid,
	"provider_decision" "decision",
	"provider_reason" text,
	"provider_decided_at" timestamp with time zone,
	"provider_decided_by" uuid,
	"confirmed_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_reason" text
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"link" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "offer_mandates" (
	"offer_id" uuid NOT NULL,
	"mandate_id" uuid NOT NULL,
	CONSTRAINT "offer_mandates_offer_id_mandate_id_pk" PRIMARY KEY("offer_id","mandate_id")
);
--> statement-breakpoint
CREATE TABLE "request_mandates" (
	"request_id" uuid NOT NULL,
	"mandate_id" uuid NOT NULL,
	CONSTRAINT "request_mandates_request_id_mandate_id_pk" PRIMARY KEY("request_id","mandate_id")
);
--> statement-breakpoint
ALTER TABLE "assistance_requests" ADD CONSTRAINT "assistance_requests_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "assistance_requests" ADD CONSTRAINT "assistance_requests_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_offers" ADD CONSTRAINT "cooperation_offers_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_offers" ADD CONSTRAINT "cooperation_offers_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_request_id_assistance_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."assistance_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_offer_id_cooperation_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."cooperation_offers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_provider_organization_id_organizations_id_fk" FOREIGN KEY ("provider_organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_requester_decided_by_users_id_fk" FOREIGN KEY ("requester_decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matches" ADD CONSTRAINT "matches_provider_decided_by_users_id_fk" FOREIGN KEY ("provider_decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_mandates" ADD CONSTRAINT "offer_mandates_offer_id_cooperation_offers_id_fk" FOREIGN KEY ("offer_id") REFERENCES "public"."cooperation_offers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "offer_mandates" ADD CONSTRAINT "offer_mandates_mandate_id_mandates_id_fk" FOREIGN KEY ("mandate_id") REFERENCES "public"."mandates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_mandates" ADD CONSTRAINT "request_mandates_request_id_assistance_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."assistance_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "request_mandates" ADD CONSTRAINT "request_mandates_mandate_id_mandates_id_fk" FOREIGN KEY ("mandate_id") REFERENCES "public"."mandates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "assistance_requests_org_idx" ON "assistance_requests" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "assistance_requests_status_idx" ON "assistance_requests" USING btree ("status");--> statement-breakpoint
CREATE INDEX "cooperation_offers_org_idx" ON "cooperation_offers" USING btree ("organization_id");--> statement-breakpoint
CREATE INDEX "matches_request_idx" ON "matches" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "matches_provider_idx" ON "matches" USING btree ("provider_organization_id");--> statement-breakpoint
CREATE INDEX "matches_offer_idx" ON "matches" USING btree ("offer_id");--> statement-breakpoint
CREATE INDEX "notifications_user_idx" ON "notifications" USING btree ("user_id","created_at");