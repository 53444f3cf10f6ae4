-- The register of processing activities (AVG article 30) per organisation: each activity with its BIO2 measures
-- and the usages that support it.
-- CreateEnum
CREATE TYPE "LegalGround" AS ENUM ('CONSENT', 'CONTRACT', 'LEGAL_OBLIGATION', 'VITAL_INTERESTS', 'PUBLIC_TASK', 'LEGITIMATE_INTERESTS');

-- CreateEnum
CREATE TYPE "SpecialCategoryException" AS ENUM ('A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J');

-- CreateEnum
CREATE TYPE "ProcessingRole" AS ENUM ('CONTROLLER', 'JOINT_CONTROLLER', 'PROCESSOR');

-- CreateTable
CREATE TABLE "ProcessingActivity" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "legalGround" "LegalGround" NOT NULL,
    "specialCategories" BOOLEAN NOT NULL DEFAULT false,
    "specialException" "SpecialCategoryException",
    "criminalData" BOOLEAN NOT NULL DEFAULT false,
    "dataSubjects" TEXT NOT NULL,
    "personalData" TEXT NOT NULL,
    "retention" TEXT NOT NULL,
    "recipients" TEXT NOT NULL DEFAULT '',
    "role" "ProcessingRole" NOT NULL DEFAULT 'CONTROLLER',
    "templateId" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProcessingActivity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessingActivityMeasure" (
    "activityId" TEXT NOT NULL,
    "measureNumber" TEXT NOT NULL,

    CONSTRAINT "ProcessingActivityMeasure_pkey" PRIMARY KEY ("activityId","measureNumber")
);

-- CreateTable
CREATE TABLE "ProcessingActivityUsage" (
    "activityId" TEXT NOT NULL,
    "usageId" TEXT NOT NULL,

    CONSTRAINT "ProcessingActivityUsage_pkey" PRIMARY KEY ("activityId","usageId")
);

-- CreateIndex
CREATE UNIQUE INDEX "ProcessingActivity_organisationId_name_key" ON "ProcessingActivity"("organisationId", "name");

-- CreateIndex
CREATE INDEX "ProcessingActivityMeasure_measureNumber_idx" ON "ProcessingActivityMeasure"("measureNumber");

-- CreateIndex
CREATE INDEX "ProcessingActivityUsage_usageId_idx" ON "ProcessingActivityUsage"("usageId");

-- AddForeignKey
ALTER TABLE "ProcessingActivity" ADD CONSTRAINT "ProcessingActivity_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcessingActivityMeasure" ADD CONSTRAINT "ProcessingActivityMeasure_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "ProcessingActivity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcessingActivityMeasure" ADD CONSTRAINT "ProcessingActivityMeasure_measureNumber_fkey" FOREIGN KEY ("measureNumber") REFERENCES "Bio2Measure"("number") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcessingActivityUsage" ADD CONSTRAINT "ProcessingActivityUsage_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "ProcessingActivity"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProcessingActivityUsage" ADD CONSTRAINT "ProcessingActivityUsage_usageId_fkey" FOREIGN KEY ("usageId") REFERENCES "Usage"("id") ON DELETE CASCADE ON UPDATE CASCADE;
