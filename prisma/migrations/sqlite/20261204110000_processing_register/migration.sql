-- The register of processing activities (AVG article 30) per organisation: each activity with its BIO2 measures
-- and the usages that support it.
-- CreateTable
CREATE TABLE "ProcessingActivity" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "legalGround" TEXT NOT NULL,
    "specialCategories" BOOLEAN NOT NULL DEFAULT false,
    "specialException" TEXT,
    "criminalData" BOOLEAN NOT NULL DEFAULT false,
    "dataSubjects" TEXT NOT NULL,
    "personalData" TEXT NOT NULL,
    "retention" TEXT NOT NULL,
    "recipients" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL DEFAULT 'CONTROLLER',
    "templateId" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ProcessingActivity_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProcessingActivityMeasure" (
    "activityId" TEXT NOT NULL,
    "measureNumber" TEXT NOT NULL,

    PRIMARY KEY ("activityId", "measureNumber"),
    CONSTRAINT "ProcessingActivityMeasure_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "ProcessingActivity" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProcessingActivityMeasure_measureNumber_fkey" FOREIGN KEY ("measureNumber") REFERENCES "Bio2Measure" ("number") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProcessingActivityUsage" (
    "activityId" TEXT NOT NULL,
    "usageId" TEXT NOT NULL,

    PRIMARY KEY ("activityId", "usageId"),
    CONSTRAINT "ProcessingActivityUsage_activityId_fkey" FOREIGN KEY ("activityId") REFERENCES "ProcessingActivity" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProcessingActivityUsage_usageId_fkey" FOREIGN KEY ("usageId") REFERENCES "Usage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ProcessingActivity_organisationId_name_key" ON "ProcessingActivity"("organisationId", "name");

-- CreateIndex
CREATE INDEX "ProcessingActivityMeasure_measureNumber_idx" ON "ProcessingActivityMeasure"("measureNumber");

-- CreateIndex
CREATE INDEX "ProcessingActivityUsage_usageId_idx" ON "ProcessingActivityUsage"("usageId");
