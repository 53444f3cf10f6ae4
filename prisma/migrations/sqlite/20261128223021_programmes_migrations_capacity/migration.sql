-- CreateTable
CREATE TABLE "Programme" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "deadline" DATETIME NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ProgrammeOwner" (
    "programmeId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,

    PRIMARY KEY ("programmeId", "organisationId"),
    CONSTRAINT "ProgrammeOwner_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProgrammeOwner_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Migration" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "programmeId" TEXT,
    "targetProductId" TEXT NOT NULL,
    "targetUsageId" TEXT,
    "wave" INTEGER NOT NULL DEFAULT 1,
    "status" TEXT NOT NULL DEFAULT 'NOT_STARTED',
    "plannedStart" DATETIME NOT NULL,
    "plannedEnd" DATETIME NOT NULL,
    "actualStart" DATETIME,
    "actualEnd" DATETIME,
    "parallelRunStart" DATETIME,
    "parallelRunEnd" DATETIME,
    "description" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Migration_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Migration_programmeId_fkey" FOREIGN KEY ("programmeId") REFERENCES "Programme" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Migration_targetProductId_fkey" FOREIGN KEY ("targetProductId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Migration_targetUsageId_fkey" FOREIGN KEY ("targetUsageId") REFERENCES "Usage" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MigrationReplaces" (
    "migrationId" TEXT NOT NULL,
    "usageId" TEXT NOT NULL,

    PRIMARY KEY ("migrationId", "usageId"),
    CONSTRAINT "MigrationReplaces_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MigrationReplaces_usageId_fkey" FOREIGN KEY ("usageId") REFERENCES "Usage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MigrationDependency" (
    "migrationId" TEXT NOT NULL,
    "dependsOnId" TEXT NOT NULL,

    PRIMARY KEY ("migrationId", "dependsOnId"),
    CONSTRAINT "MigrationDependency_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "MigrationDependency_dependsOnId_fkey" FOREIGN KEY ("dependsOnId") REFERENCES "Migration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "MigrationEffort" (
    "migrationId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "fte" REAL NOT NULL,

    PRIMARY KEY ("migrationId", "role", "quarter"),
    CONSTRAINT "MigrationEffort_migrationId_fkey" FOREIGN KEY ("migrationId") REFERENCES "Migration" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Capacity" (
    "organisationId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "fte" REAL NOT NULL,

    PRIMARY KEY ("organisationId", "role", "quarter"),
    CONSTRAINT "Capacity_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Scenario" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "organisationId" TEXT NOT NULL,
    "createdById" TEXT,
    "status" TEXT NOT NULL DEFAULT 'OPEN',
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Scenario_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Scenario_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScenarioMigration" (
    "scenarioId" TEXT NOT NULL,
    "migrationId" TEXT NOT NULL,
    "baseRevision" INTEGER NOT NULL,
    "wave" INTEGER NOT NULL,
    "plannedStart" DATETIME NOT NULL,
    "plannedEnd" DATETIME NOT NULL,
    "parallelRunStart" DATETIME,
    "parallelRunEnd" DATETIME,

    PRIMARY KEY ("scenarioId", "migrationId"),
    CONSTRAINT "ScenarioMigration_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScenarioEffort" (
    "scenarioId" TEXT NOT NULL,
    "migrationId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "fte" REAL NOT NULL,

    PRIMARY KEY ("scenarioId", "migrationId", "role", "quarter"),
    CONSTRAINT "ScenarioEffort_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ScenarioCapacity" (
    "scenarioId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "quarter" TEXT NOT NULL,
    "fte" REAL NOT NULL,

    PRIMARY KEY ("scenarioId", "organisationId", "role", "quarter"),
    CONSTRAINT "ScenarioCapacity_scenarioId_fkey" FOREIGN KEY ("scenarioId") REFERENCES "Scenario" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
