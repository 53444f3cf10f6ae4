-- BIO2 government measures as reference data, and per organisation a Verklaring van Toepasselijkheid with its share setting.
-- CreateTable
CREATE TABLE "Bio2Measure" (
    "number" TEXT NOT NULL PRIMARY KEY,
    "control" TEXT NOT NULL,
    "theme" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "movedTo" TEXT,
    "text" TEXT,
    "position" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "VvtStatement" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "measureNumber" TEXT NOT NULL,
    "applies" BOOLEAN,
    "reason" TEXT,
    "state" TEXT NOT NULL DEFAULT 'NIET_GESTART',
    "owner" TEXT,
    "evidence" TEXT,
    "reviewedOn" DATETIME,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VvtStatement_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VvtStatement_measureNumber_fkey" FOREIGN KEY ("measureNumber") REFERENCES "Bio2Measure" ("number") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VvtShare" (
    "organisationId" TEXT NOT NULL PRIMARY KEY,
    "mode" TEXT NOT NULL DEFAULT 'PRIVATE',
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "VvtShare_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VvtSharePartner" (
    "organisationId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,

    PRIMARY KEY ("organisationId", "partnerId"),
    CONSTRAINT "VvtSharePartner_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "VvtShare" ("organisationId") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VvtSharePartner_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "Bio2Measure_control_idx" ON "Bio2Measure"("control");

-- CreateIndex
CREATE UNIQUE INDEX "VvtStatement_organisationId_measureNumber_key" ON "VvtStatement"("organisationId", "measureNumber");

-- CreateIndex
CREATE INDEX "VvtSharePartner_partnerId_idx" ON "VvtSharePartner"("partnerId");
