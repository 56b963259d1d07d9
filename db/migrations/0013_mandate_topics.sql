CREATE TYPE "public"."topic_confidence" AS ENUM('verified', 'inferred');--> statement-breakpoint
ALTER TABLE "commitments" ADD COLUMN "unplaced_topics" jsonb DEFAULT '[]'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "mandates" ADD COLUMN "topic_en" text;--> statement-breakpoint
ALTER TABLE "mandates" ADD COLUMN "topic_es" text;--> statement-breakpoint
ALTER TABLE "mandates" ADD COLUMN "topic_confidence" "topic_confidence";--> statement-breakpoint
ALTER TABLE "mandates" ADD COLUMN "topic_sources" jsonb DEFAULT '[]'::jsonb NOT NULL;