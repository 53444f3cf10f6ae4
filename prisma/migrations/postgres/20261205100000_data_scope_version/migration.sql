-- Versions per part of the data (shared, and one per organisation), beside the hub-wide data version.
-- CreateTable
CREATE TABLE "DataScopeVersion" (
    "scope" TEXT NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DataScopeVersion_pkey" PRIMARY KEY ("scope")
);

-- A change to a usage finds the koppelingen that pass through it (their owners see it in their landscape).
-- CreateIndex
CREATE INDEX "Interface_intermediaryId_idx" ON "Interface"("intermediaryId");
