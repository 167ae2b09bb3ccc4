-- Weights move from one blob per run (RunWeights.data) into 1 MiB chunks.
-- Existing weights are split here, in SQL, into the chunk set 'migrated'.

-- CreateTable
CREATE TABLE "RunWeightChunk" (
    "runId" TEXT NOT NULL,
    "chunkSetId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "RunWeightChunk_pkey" PRIMARY KEY ("runId","chunkSetId","index")
);

-- AddForeignKey
ALTER TABLE "RunWeightChunk" ADD CONSTRAINT "RunWeightChunk_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Move the bytes: substring() on bytea counts bytes (1-based).
INSERT INTO "RunWeightChunk" ("runId", "chunkSetId", "index", "data")
SELECT w."runId", 'migrated', i, substring(w."data" from i * 1048576 + 1 for 1048576)
FROM "RunWeights" w, generate_series(0, (length(w."data") - 1) / 1048576) AS i
WHERE length(w."data") > 0;

-- AlterTable
ALTER TABLE "RunWeights" ADD COLUMN "chunkSetId" TEXT NOT NULL DEFAULT 'migrated';
ALTER TABLE "RunWeights" ALTER COLUMN "chunkSetId" DROP DEFAULT;
ALTER TABLE "RunWeights" DROP COLUMN "data";
