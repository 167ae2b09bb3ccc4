-- The schema of prisma/migrations up to 20261201000300_rate_limits, in one
-- step, as `prisma migrate dev` writes it for PostgreSQL from
-- prisma/schema.postgresql.prisma. Later changes get a folder here beside
-- their SQLite one.

-- CreateTable
CREATE TABLE "Architecture" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "ownerHash" TEXT NOT NULL,
    "shareId" TEXT NOT NULL,
    "shareEnabled" BOOLEAN NOT NULL DEFAULT true,
    "forkedFromId" TEXT,
    "paramCount" INTEGER,
    "errorCount" INTEGER,
    "runCount" INTEGER NOT NULL DEFAULT 0,
    "bestValAccuracy" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Architecture_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Run" (
    "id" TEXT NOT NULL,
    "architectureId" TEXT NOT NULL,
    "document" TEXT NOT NULL,
    "dataset" TEXT NOT NULL,
    "hyperparameters" TEXT NOT NULL,
    "backend" TEXT NOT NULL,
    "backendMeasurements" TEXT NOT NULL DEFAULT '[]',
    "status" TEXT NOT NULL DEFAULT 'running',
    "error" TEXT,
    "testAccuracy" DOUBLE PRECISION,
    "epochsDone" INTEGER NOT NULL DEFAULT 0,
    "bestValAccuracy" DOUBLE PRECISION,
    "epochsPlanned" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),
    "lastHeartbeatAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RunEpoch" (
    "runId" TEXT NOT NULL,
    "epoch" INTEGER NOT NULL,
    "loss" DOUBLE PRECISION NOT NULL,
    "accuracy" DOUBLE PRECISION NOT NULL,
    "valLoss" DOUBLE PRECISION,
    "valAccuracy" DOUBLE PRECISION,
    "durationMs" DOUBLE PRECISION NOT NULL,
    "samplesPerSec" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "RunEpoch_pkey" PRIMARY KEY ("runId","epoch")
);

-- CreateTable
CREATE TABLE "RunWeights" (
    "runId" TEXT NOT NULL,
    "specs" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "byteLength" INTEGER NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RunWeights_pkey" PRIMARY KEY ("runId")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "expire" TIMESTAMP(3),

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "Architecture_shareId_key" ON "Architecture"("shareId");

-- CreateIndex
CREATE INDEX "Architecture_ownerHash_updatedAt_idx" ON "Architecture"("ownerHash", "updatedAt");

-- CreateIndex
CREATE INDEX "Architecture_forkedFromId_idx" ON "Architecture"("forkedFromId");

-- CreateIndex
CREATE INDEX "Run_architectureId_startedAt_idx" ON "Run"("architectureId", "startedAt");

-- CreateIndex
CREATE INDEX "RateLimit_expire_idx" ON "RateLimit"("expire");

-- AddForeignKey
ALTER TABLE "Architecture" ADD CONSTRAINT "Architecture_forkedFromId_fkey" FOREIGN KEY ("forkedFromId") REFERENCES "Architecture"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Run" ADD CONSTRAINT "Run_architectureId_fkey" FOREIGN KEY ("architectureId") REFERENCES "Architecture"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunEpoch" ADD CONSTRAINT "RunEpoch_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RunWeights" ADD CONSTRAINT "RunWeights_runId_fkey" FOREIGN KEY ("runId") REFERENCES "Run"("id") ON DELETE CASCADE ON UPDATE CASCADE;
