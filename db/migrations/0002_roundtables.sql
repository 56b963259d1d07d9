CREATE TYPE "public"."agenda_status" AS ENUM('pending', 'in_discussion', 'done');--> statement-breakpoint
CREATE TYPE "public"."roundtable_member_role" AS ENUM('moderator', 'participant');--> statement-breakpoint
CREATE TYPE "public"."roundtable_kind" AS ENUM('technical_meeting', 'working_roundtable');--> statement-breakpoint
CREATE TYPE "public"."roundtable_status" AS ENUM('open', 'closed', 'archived');--> statement-breakpoint
CREATE TABLE "agenda_items" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"roundtable_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"status" "agenda_status" DEFAULT 'pending' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "messages" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"roundtable_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"client_id" text NOT NULL,
	"body" text NOT NULL,
	"reply_to_id" bigint,
	"pinned" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "roundtable_documents" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"roundtable_id" uuid NOT NULL,
	"title" text NOT NULL,
	"url" text NOT NULL,
	"shared_by" uuid,
	"shared_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "roundtable_mandates" (
	"roundtable_id" uuid NOT NULL,
	"mandate_id" uuid NOT NULL,
	CONSTRAINT "roundtable_mandates_roundtable_id_mandate_id_pk" PRIMARY KEY("roundtable_id","mandate_id")
);
--> statement-breakpoint
CREATE TABLE "roundtable_members" (
	"roundtable_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"role" "roundtable_member_role" DEFAULT 'participant' NOT NULL,
	"muted_until" timestamp with time zone,
	"removed_at" timestamp with time zone,
	"last_read_message_id" bigint DEFAULT 0 NOT NULL,
	"joined_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "roundtable_members_roundtable_id_user_id_pk" PRIMARY KEY("roundtable_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "roundtable_organizations" (
	"roundtable_id" uuid NOT NULL,
	"organization_id" uuid NOT NULL,
	CONSTRAINT "roundtable_organizations_roundtable_id_organization_id_pk" PRIMARY KEY("roundtable_id","organization_id")
);
--> statement-breakpoint
CREATE TABLE "roundtables" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"kind" "roundtable_kind" NOT NULL,
	"status" "roundtable_status" DEFAULT 'open' NOT NULL,
	"match_id" uuid,
	"request_id" uuid,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "agenda_items" ADD CONSTRAINT "agenda_items_roundtable_id_roundtables_id_fk" FOREIGN KEY ("roundtable_id") REFERENCES "public"."roundtables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_roundtable_id_roundtables_id_fk" FOREIGN KEY ("roundtable_id") REFERENCES "public"."roundtables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "messages" ADD CONSTRAINT "messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtable_documents" ADD CONSTRAINT "roundtable_documents_roundtable_id_roundtables_id_fk" FOREIGN KEY ("roundtable_id") REFERENCES "public"."roundtables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtable_documents" ADD CONSTRAINT "roundtable_documents_shared_by_users_id_fk" FOREIGN KEY ("shared_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtable_mandates" ADD CONSTRAINT "roundtable_mandates_roundtable_id_roundtables_id_fk" FOREIGN KEY ("roundtable_id") REFERENCES "public"."roundtables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtable_mandates" ADD CONSTRAINT "roundtable_mandates_mandate_id_mandates_id_fk" FOREIGN KEY ("mandate_id") REFERENCES "public"."mandates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtable_members" ADD CONSTRAINT "roundtable_members_roundtable_id_roundtables_id_fk" FOREIGN KEY ("roundtable_id") REFERENCES "public"."roundtables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtable_members" ADD CONSTRAINT "roundtable_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtable_organizations" ADD CONSTRAINT "roundtable_organizations_roundtable_id_roundtables_id_fk" FOREIGN KEY ("roundtable_id") REFERENCES "public"."roundtables"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtable_organizations" ADD CONSTRAINT "roundtable_organizations_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtables" ADD CONSTRAINT "roundtables_match_id_matches_id_fk" FOREIGN KEY ("match_id") REFERENCES "public"."matches"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtables" ADD CONSTRAINT "roundtables_request_id_assistance_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."assistance_requests"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "roundtables" ADD CONSTRAINT "roundtables_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "agenda_items_room_idx" ON "agenda_items" USING btree ("roundtable_id","position");--> statement-breakpoint
CREATE UNIQUE INDEX "messages_author_client_idx" ON "messages" USING btree ("author_id","client_id");--> statement-breakpoint
CREATE INDEX "messages_room_idx" ON "messages" USING btree ("roundtable_id","id");--> statement-breakpoint
CREATE INDEX "roundtable_members_user_idx" ON "roundtable_members" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "roundtables_match_idx" ON "roundtables" USING btree ("match_id");