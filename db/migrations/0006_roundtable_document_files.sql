ALTER TABLE "roundtable_documents" ALTER COLUMN "url" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "roundtable_documents" ADD COLUMN "file_name" text;--> statement-breakpoint
ALTER TABLE "roundtable_documents" ADD COLUMN "media_type" text;--> statement-breakpoint
ALTER TABLE "roundtable_documents" ADD COLUMN "size_bytes" integer;--> statement-breakpoint
ALTER TABLE "roundtable_documents" ADD COLUMN "sha256" text;--> statement-breakpoint
ALTER TABLE "roundtable_documents" ADD COLUMN "storage_key" text;--> statement-breakpoint
ALTER TABLE "roundtable_documents" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "roundtable_documents" ADD COLUMN "removed_by" uuid;--> statement-breakpoint
ALTER TABLE "roundtable_documents" ADD CONSTRAINT "roundtable_documents_removed_by_users_id_fk" FOREIGN KEY ("removed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "roundtable_documents_room_idx" ON "roundtable_documents" USING btree ("roundtable_id","shared_at");--> statement-breakpoint
ALTER TABLE "roundtable_documents" ADD CONSTRAINT "roundtable_documents_link_or_file" CHECK (("roundtable_documents"."url" is null) <> ("roundtable_documents"."storage_key" is null));