-- The owner's list is ordered by ("updatedAt" DESC, "id" DESC). The old index
-- ("ownerHash", "updatedAt") made the database read all of an owner's rows and
-- sort them for every page; this one hands a page over in order.

-- DropIndex
DROP INDEX "Architecture_ownerHash_updatedAt_idx";

-- CreateIndex
CREATE INDEX "Architecture_ownerHash_updatedAt_id_idx" ON "Architecture"("ownerHash", "updatedAt" DESC, "id" DESC);
