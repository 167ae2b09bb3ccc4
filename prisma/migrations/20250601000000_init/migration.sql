-- CreateTable
CREATE TABLE "Architecture" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "ownerHash" TEXT NOT NULL,
    "shareId" TEXT NOT NULL,
    "forkedFromId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Architecture_forkedFromId_fkey" FOREIGN KEY ("forkedFromId") REFERENCES "Architecture" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "architectureId" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "dataset" TEXT NOT NULL,
    "hyperparameters" TEXT NOT NULL,
    "backend" TEXT NOT NULL,
    "backendMeasurements" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'running',
    "error" TEXT,
    "testAccuracy" REAL,
    "epochsDone" INTEGER NOT NULL DEFAULT 0,
    "bestValAccuracy" REAL,
    "epochsPlanned" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    "lastHeartbeatAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Run_architectureId_fkey" FOREIGN KEY ("architectureId") REFERENCES "Architecture" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunEpoch" (
    "runId" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "loss" REAL NOT NULL,
    "accuracy" REAL NOT NULL,
    "valLoss" REAL,
    "valAccuracy" REAL,
    "durationMs" REAL NOT NULL,
    "samplesPerSec" REAL NOT NULL,

    PRIMARY KEY ("runId", "epoch"),
    CONSTRAINT "RunEpoch_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "RunWeights" (
    "runId" TEXT NOT NULL PRIMARY KEY,
    "specs" TEXT NOT NULL,
    "data" BLOB NOT NULL,
    "byteLength" INTEGER NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "RunWeights_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Architecture_shareId_key" ON "Architecture"("shareId");

-- CreateIndex
CREATE INDEX "Architecture_ownerHash_updatedAt_idx" ON "Architecture"("ownerHash", "updatedAt");

-- CreateIndex
CREATE INDEX "Architecture_forkedFromId_idx" ON "Architecture"("forkedFromId");

-- CreateIndex
CREATE INDEX "Run_architectureId_startedAt_idx" ON "Run"("architectureId", "startedAt");
