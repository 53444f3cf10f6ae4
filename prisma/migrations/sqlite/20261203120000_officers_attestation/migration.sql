-- An organisation names its security officer and privacy officer on the membership, and its security officer
-- confirms that the landscape is current and complete (the attestation: who, when, at which data version).
-- AlterTable
ALTER TABLE "UserMembership" ADD COLUMN "officer" TEXT;

-- CreateTable
CREATE TABLE "Attestation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "userId" TEXT,
    "confirmedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "dataVersion" INTEGER NOT NULL,
    "note" TEXT,
    CONSTRAINT "Attestation_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Attestation_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Attestation_organisationId_confirmedAt_idx" ON "Attestation"("organisationId", "confirmedAt");
