-- Weights move from one blob per run (RunWeights.data) into 1 MiB chunks.
-- Existing weights are split here, in SQL, into the chunk set 'migrated'.

-- CreateTable
CREATE TABLE "RunWeightChunk" (
    "runId" TEXT NOT NULL,
    "chunkSetId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "data" BLOB NOT NULL,

    PRIMARY KEY ("runId", "chunkSetId", "index"),
    CONSTRAINT "RunWeightChunk_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- Move the bytes: substr() on a BLOB counts bytes (1-based).
WITH RECURSIVE "piece"("runId", "index") AS (
    SELECT "runId", 0 FROM "RunWeights" WHERE length("data") > 0
    UNION ALL
    SELECT "piece"."runId", "piece"."index" + 1 FROM "piece" JOIN "RunWeights" ON "RunWeights"."runId" = "piece"."runId"
    WHERE ("piece"."index" + 1) * 1048576 < length("RunWeights"."data")
)
INSERT INTO "RunWeightChunk" ("runId", "chunkSetId", "index", "data")
SELECT "piece"."runId", 'migrated', "piece"."index", substr("RunWeights"."data", "piece"."index" * 1048576 + 1, 1048576)
FROM "piece" JOIN "RunWeights" ON "RunWeights"."runId" = "piece"."runId";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_RunWeights" (
    "runId" TEXT NOT NULL PRIMARY KEY,
    "specs" TEXT NOT NULL,
    "byteLength" INTEGER NOT NULL,
    "chunkSetId" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RunWeights_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_RunWeights" ("runId", "specs", "byteLength", "chunkSetId", "updatedAt")
SELECT "runId", "specs", "byteLength", 'migrated', "updatedAt" FROM "RunWeights";
DROP TABLE "RunWeights";
ALTER TABLE "new_RunWeights" RENAME TO "RunWeights";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
