-- AlterTable
ALTER TABLE "Architecture" ADD COLUMN "paramCount" INTEGER;
ALTER TABLE "Architecture" ADD COLUMN "errorCount" INTEGER;
ALTER TABLE "Architecture" ADD COLUMN "runCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Architecture" ADD COLUMN "bestValAccuracy" REAL;

-- Backfill what SQL can compute. paramCount and errorCount need the layer
-- registry (analyzeGraph), so existing rows keep errorCount NULL and the first
-- list that shows them fills both in (lib/db/architectures.ts).
UPDATE "Architecture" SET
    "runCount" = (SELECT COUNT(*) FROM "Run" WHERE "Run"."architectureId" = "Architecture"."id"),
    "bestValAccuracy" = (SELECT MAX("Run"."bestValAccuracy") FROM "Run" WHERE "Run"."architectureId" = "Architecture"."id");
