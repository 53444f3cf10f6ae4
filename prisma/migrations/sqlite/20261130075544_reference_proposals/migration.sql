-- CreateTable
CREATE TABLE "ReferenceProposal" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "proposingOrganisationId" TEXT NOT NULL,
    "receivingOrganisationId" TEXT NOT NULL,
    "usageId" TEXT NOT NULL,
    "interfaceId" TEXT,
    "interfaceKey" TEXT,
    "targetUsageId" TEXT,
    "createdById" TEXT,
    "decidedById" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" DATETIME,
    CONSTRAINT "ReferenceProposal_proposingOrganisationId_fkey" FOREIGN KEY ("proposingOrganisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReferenceProposal_receivingOrganisationId_fkey" FOREIGN KEY ("receivingOrganisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReferenceProposal_usageId_fkey" FOREIGN KEY ("usageId") REFERENCES "Usage" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReferenceProposal_interfaceId_fkey" FOREIGN KEY ("interfaceId") REFERENCES "Interface" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ReferenceProposal_targetUsageId_fkey" FOREIGN KEY ("targetUsageId") REFERENCES "Usage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Interface" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "fromUsageId" TEXT NOT NULL,
    "toUsageId" TEXT,
    "externalServiceId" TEXT,
    "intermediaryId" TEXT,
    "type" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "copiesData" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,
    "pendingConsent" BOOLEAN NOT NULL DEFAULT false,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Interface_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Interface_fromUsageId_fkey" FOREIGN KEY ("fromUsageId") REFERENCES "Usage" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Interface_toUsageId_fkey" FOREIGN KEY ("toUsageId") REFERENCES "Usage" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Interface_externalServiceId_fkey" FOREIGN KEY ("externalServiceId") REFERENCES "ExternalService" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Interface_intermediaryId_fkey" FOREIGN KEY ("intermediaryId") REFERENCES "Usage" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Interface" ("copiesData", "createdAt", "description", "direction", "externalServiceId", "fromUsageId", "id", "intermediaryId", "key", "organisationId", "revision", "status", "toUsageId", "type", "updatedAt") SELECT "copiesData", "createdAt", "description", "direction", "externalServiceId", "fromUsageId", "id", "intermediaryId", "key", "organisationId", "revision", "status", "toUsageId", "type", "updatedAt" FROM "Interface";
DROP TABLE "Interface";
ALTER TABLE "new_Interface" RENAME TO "Interface";
CREATE INDEX "Interface_fromUsageId_idx" ON "Interface"("fromUsageId");
CREATE INDEX "Interface_toUsageId_idx" ON "Interface"("toUsageId");
CREATE INDEX "Interface_externalServiceId_idx" ON "Interface"("externalServiceId");
CREATE UNIQUE INDEX "Interface_organisationId_key_key" ON "Interface"("organisationId", "key");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ReferenceProposal_receivingOrganisationId_status_idx" ON "ReferenceProposal"("receivingOrganisationId", "status");

-- CreateIndex
CREATE INDEX "ReferenceProposal_proposingOrganisationId_status_idx" ON "ReferenceProposal"("proposingOrganisationId", "status");

-- CreateIndex
CREATE INDEX "ReferenceProposal_usageId_status_idx" ON "ReferenceProposal"("usageId", "status");

-- CreateIndex
CREATE INDEX "ReferenceProposal_interfaceId_idx" ON "ReferenceProposal"("interfaceId");

-- CreateIndex
CREATE INDEX "ReferenceProposal_targetUsageId_idx" ON "ReferenceProposal"("targetUsageId");
