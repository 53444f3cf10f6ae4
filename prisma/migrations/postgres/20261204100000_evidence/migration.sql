-- Evidence documents per product (certificates, TPM reports, pentest summaries, DPIAs, processor agreement annexes),
-- each owned by the organisation that uploaded it, with its file's bytes in a table of their own and the partners a
-- NAMED document is shared with.
-- CreateEnum
CREATE TYPE "EvidenceKind" AS ENUM ('ISO27001', 'TPM', 'PENTEST', 'DPIA', 'PROCESSOR_AGREEMENT', 'OTHER');

-- CreateEnum
CREATE TYPE "EvidenceVisibility" AS ENUM ('OWN', 'NAMED', 'ALL_MEMBERS');

-- CreateTable
CREATE TABLE "Evidence" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "kind" "EvidenceKind" NOT NULL,
    "title" TEXT NOT NULL,
    "issuer" TEXT,
    "scope" TEXT,
    "validFrom" TIMESTAMP(3),
    "validUntil" TIMESTAMP(3),
    "link" TEXT,
    "fileName" TEXT,
    "contentType" TEXT,
    "size" INTEGER,
    "sha256" TEXT,
    "visibility" "EvidenceVisibility" NOT NULL DEFAULT 'OWN',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Evidence_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "EvidenceFile" (
    "evidenceId" TEXT NOT NULL,
    "bytes" BYTEA NOT NULL,

    CONSTRAINT "EvidenceFile_pkey" PRIMARY KEY ("evidenceId")
);

-- CreateTable
CREATE TABLE "EvidencePartner" (
    "evidenceId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,

    CONSTRAINT "EvidencePartner_pkey" PRIMARY KEY ("evidenceId","partnerId")
);

-- CreateIndex
CREATE INDEX "Evidence_productId_idx" ON "Evidence"("productId");

-- CreateIndex
CREATE INDEX "Evidence_organisationId_idx" ON "Evidence"("organisationId");

-- CreateIndex
CREATE INDEX "EvidencePartner_partnerId_idx" ON "EvidencePartner"("partnerId");

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidenceFile" ADD CONSTRAINT "EvidenceFile_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidencePartner" ADD CONSTRAINT "EvidencePartner_evidenceId_fkey" FOREIGN KEY ("evidenceId") REFERENCES "Evidence"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EvidencePartner" ADD CONSTRAINT "EvidencePartner_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
