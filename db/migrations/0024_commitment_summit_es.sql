-- The summit's name in Spanish, for the Spanish catalogue pages (the summit column keeps the English one).
ALTER TABLE "commitments" ADD COLUMN "summit_es" text;