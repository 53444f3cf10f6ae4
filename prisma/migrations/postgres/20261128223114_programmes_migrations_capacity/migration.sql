-- CreateEnum
CREATE TYPE "MigrationStatus" AS ENUM ('NOT_STARTED', 'PREPARING', 'MIGRATING', 'PARALLEL_RUN', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "ScenarioStatus" AS ENUM ('OPEN', 'APPLIED', 'DISCARDED');

-- CreateTable
CREATE TABLE "Programme" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "deadline" TIMESTAMP(3) NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Programme_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProgrammeOwner" (
    "programmeId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,

    CONSTRAINT "ProgrammeOwner_pkey" PRIMARY KEY ("programmeId","organisationId")
);

-- CreateTable
CREATE TABLE "Migration" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT,
    "targetProductId" TEXT NOT NULL,
    "targetUsageId" TEXT,
    "wave" INTEGER NOT NULL DEFAULT 1,
    "status" "MigrationStatus" NOT NULL DEFAULT 'NOT_STARTED',
    "plannedStart" TIMESTAMP(3) NOT NULL,
    "plannedEnd" TIMESTAMP(3) NOT NULL,
    "actualStart" TIMESTAMP(3),
    "actualEnd" TIMESTAMP(3),
    "parallelRunStart" TIMESTAMP(3),
    "parallelRunEnd" TIMESTAMP(3),
    "description" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Migration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MigrationReplaces" (
    "migrationId" TEXT NOT NULL,
    "usageId" TEXT NOT NULL,

    CONSTRAINT "MigrationReplaces_pkey" PRIMARY KEY ("migrationId","usageId")
);

-- CreateTable
CREATE TABLE "MigrationDependency" (
    "migrationId" TEXT NOT NULL,
    "dependsOnId" TEXT NOT NULL,

    CONSTRAINT "MigrationDependency_pkey" PRIMARY KEY ("migrationId","dependsOnId")
);

-- CreateTable
CREATE TABLE "MigrationEffort" (
    "migrationId" TEXT NOT NULL,
    "role" "BeheerRole" NOT NULL,
    "quarter" TEXT NOT NULL,
    "fte" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "MigrationEffort_pkey" PRIMARY KEY ("migrationId","role","quarter")
);

-- CreateTable
CREATE TABLE "Capacity" (
    "organisationId" TEXT NOT NULL,
    "role" "BeheerRole" NOT NULL,
    "quarter" TEXT NOT NULL,
    "fte" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "Capacity_pkey" PRIMARY KEY ("organisationId","role","quarter")
);

-- CreateTable
CREATE TABLE "Scenario" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "organisationId" TEXT NOT NULL,
    "createdById" TEXT,
    "status" "ScenarioStatus" NOT NULL DEFAULT 'OPEN',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Scenario_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScenarioMigration" (
    "scenarioId" TEXT NOT NULL,
    "migrationId" TEXT NOT NULL,
    "baseRevision" INTEGER NOT NULL,
    "wave" INTEGER NOT NULL,
    "plannedStart" TIMESTAMP(3) NOT NULL,
    "plannedEnd" TIMESTAMP(3) NOT NULL,
    "parallelRunStart" TIMESTAMP(3),
    "parallelRunEnd" TIMESTAMP(3),

    CONSTRAINT "ScenarioMigration_pkey" PRIMARY KEY ("scenarioId","migrationId")
);

-- CreateTable
CREATE TABLE "ScenarioEffort" (
    "scenarioId" TEXT NOT NULL,
    "migrationId" TEXT NOT NULL,
    "role" "BeheerRole" NOT NULL,
    "quarter" TEXT NOT NULL,
    "fte" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ScenarioEffort_pkey" PRIMARY KEY ("scenarioId","migrationId","role","quarter")
);

-- CreateTable
CREATE TABLE "ScenarioCapacity" (
    "scenarioId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "role" "BeheerRole" NOT NULL,
    "quarter" TEXT NOT NULL,
    "fte" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "ScenarioCapacity_pkey" PRIMARY KEY ("scenarioId","organisationId","role","quarter")
);

-- CreateIndex
CREATE UNIQUE INDEX "Programme_slug_key" ON "Programme"("slug");

-- CreateIndex
CREATE INDEX "ProgrammeOwner_organisationId_idx" ON "ProgrammeOwner"("organisationId");

-- CreateIndex
CREATE INDEX "Migration_programmeId_idx" ON "Migration"("programmeId");

-- CreateIndex
CREATE INDEX "Migration_targetProductId_idx" ON "Migration"("targetProductId");

-- CreateIndex
CREATE UNIQUE INDEX "Migration_organisationId_key_key" ON "Migration"("organisationId", "key");

-- CreateIndex
CREATE INDEX "MigrationReplaces_usageId_idx" ON "MigrationReplaces"("usageId");

-- CreateIndex
CREATE INDEX "MigrationDependency_dependsOnId_idx" ON "MigrationDependency"("dependsOnId");

-- CreateIndex
CREATE INDEX "Capacity_quarter_idx" ON "Capacity"("quarter");

-- CreateIndex
CREATE INDEX "Scenario_organisationId_status_idx" ON "Scenario"("organisationId", "status");

-- AddForeignKey
ALTER TABLE "ProgrammeOwner" ADD CONSTRAINT "ProgrammeOwner_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProgrammeOwner" ADD CONSTRAINT "ProgrammeOwner_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Migration" ADD CONSTRAINT "Migration_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Migration" ADD CONSTRAINT "Migration_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Migration" ADD CONSTRAINT "Migration_targetProductId_fkey" FOREIGN KEY ("targetProductId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Migration" ADD CONSTRAINT "Migration_targetUsageId_fkey" FOREIGN KEY ("targetUsageId") REFERENCES "Usage"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MigrationReplaces" ADD CONSTRAINT "MigrationReplaces_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MigrationReplaces" ADD CONSTRAINT "MigrationReplaces_usageId_fkey" FOREIGN KEY ("usageId") REFERENCES "Usage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MigrationDependency" ADD CONSTRAINT "MigrationDependency_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MigrationDependency" ADD CONSTRAINT "MigrationDependency_dependsOnId_fkey" FOREIGN KEY ("dependsOnId") REFERENCES "Migration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MigrationEffort" ADD CONSTRAINT "MigrationEffort_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Capacity" ADD CONSTRAINT "Capacity_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scenario" ADD CONSTRAINT "Scenario_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Scenario" ADD CONSTRAINT "Scenario_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScenarioMigration" ADD CONSTRAINT "ScenarioMigration_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScenarioEffort" ADD CONSTRAINT "ScenarioEffort_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScenarioCapacity" ADD CONSTRAINT "ScenarioCapacity_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario"("id") ON DELETE CASCADE ON UPDATE CASCADE;
