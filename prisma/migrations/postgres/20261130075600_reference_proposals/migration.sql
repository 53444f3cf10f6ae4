-- CreateEnum
CREATE TYPE "ProposalKind" AS ENUM ('OPERATOR', 'INTERFACE_TO', 'INTERFACE_VIA');

-- CreateEnum
CREATE TYPE "ProposalStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN', 'ENDED');

-- AlterTable
ALTER TABLE "Interface" ADD COLUMN     "pendingConsent" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "ReferenceProposal" (
    "id" TEXT NOT NULL,
    "kind" "ProposalKind" NOT NULL,
    "status" "ProposalStatus" NOT NULL DEFAULT 'PENDING',
    "proposingOrganisationId" TEXT NOT NULL,
    "receivingOrganisationId" TEXT NOT NULL,
    "usageId" TEXT NOT NULL,
    "interfaceId" TEXT,
    "interfaceKey" TEXT,
    "targetUsageId" TEXT,
    "createdById" TEXT,
    "decidedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedAt" TIMESTAMP(3),

    CONSTRAINT "ReferenceProposal_pkey" PRIMARY KEY ("id")
);

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

-- AddForeignKey
ALTER TABLE "ReferenceProposal" ADD CONSTRAINT "ReferenceProposal_proposingOrganisationId_fkey" FOREIGN KEY ("proposingOrganisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferenceProposal" ADD CONSTRAINT "ReferenceProposal_receivingOrganisationId_fkey" FOREIGN KEY ("receivingOrganisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferenceProposal" ADD CONSTRAINT "ReferenceProposal_usageId_fkey" FOREIGN KEY ("usageId") REFERENCES "Usage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferenceProposal" ADD CONSTRAINT "ReferenceProposal_interfaceId_fkey" FOREIGN KEY ("interfaceId") REFERENCES "Interface"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferenceProposal" ADD CONSTRAINT "ReferenceProposal_targetUsageId_fkey" FOREIGN KEY ("targetUsageId") REFERENCES "Usage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
