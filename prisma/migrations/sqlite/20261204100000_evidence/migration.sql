-- Evidence documents per product (certificates, TPM reports, pentest summaries, DPIAs, processor agreement annexes),
-- each owned by the organisation that uploaded it, with its file's bytes in a table of their own and the partners a
-- NAMED document is shared with.
-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "productId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "issuer" TEXT,
    "scope" TEXT,
    "validFrom" DATETIME,
    "validUntil" DATETIME,
    "link" TEXT,
    "fileName" TEXT,
    "contentType" TEXT,
    "size" INTEGER,
    "sha256" TEXT,
    "visibility" TEXT NOT NULL DEFAULT 'OWN',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Evidence_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvidenceFile" (
    "evidenceId" TEXT NOT NULL PRIMARY KEY,
    "bytes" BLOB NOT NULL,
    CONSTRAINT "EvidenceFile_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "EvidencePartner" (
    "evidenceId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,

    PRIMARY KEY ("evidenceId", "partnerId"),
    CONSTRAINT "EvidencePartner_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EvidencePartner_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Evidence_productId_idx" ON "Evidence"("productId");

-- CreateIndex
CREATE INDEX "Evidence_organisationId_idx" ON "Evidence"("organisationId");

-- CreateIndex
CREATE INDEX "EvidencePartner_partnerId_idx" ON "EvidencePartner"("partnerId");
