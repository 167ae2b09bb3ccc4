-- AlterTable
ALTER TABLE "Architecture" ADD COLUMN "shareEnabled" BOOLEAN NOT NULL DEFAULT true;
