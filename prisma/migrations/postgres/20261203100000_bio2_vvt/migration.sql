-- BIO2 government measures as reference data, and per organisation a Verklaring van Toepasselijkheid with its share setting.
-- CreateEnum
CREATE TYPE "Bio2Theme" AS ENUM ('ORGANISATORISCH', 'MENSGERICHT', 'FYSIEK', 'TECHNOLOGISCH');

-- CreateEnum
CREATE TYPE "Bio2MeasureKind" AS ENUM ('OVERHEIDSMAATREGEL', 'GEEN_OVERHEIDSMAATREGEL', 'VERPLAATST');

-- CreateEnum
CREATE TYPE "VvtState" AS ENUM ('NIET_GESTART', 'IN_UITVOERING', 'GEIMPLEMENTEERD', 'GETOETST');

-- CreateEnum
CREATE TYPE "VvtShareMode" AS ENUM ('PRIVATE', 'NAMED', 'ALL_MEMBERS');

-- CreateTable
CREATE TABLE "Bio2Measure" (
    "number" TEXT NOT NULL,
    "control" TEXT NOT NULL,
    "theme" "Bio2Theme" NOT NULL,
    "kind" "Bio2MeasureKind" NOT NULL,
    "movedTo" TEXT,
    "text" TEXT,
    "position" INTEGER NOT NULL,

    CONSTRAINT "Bio2Measure_pkey" PRIMARY KEY ("number")
);

-- CreateTable
CREATE TABLE "VvtStatement" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "measureNumber" TEXT NOT NULL,
    "applies" BOOLEAN,
    "reason" TEXT,
    "state" "VvtState" NOT NULL DEFAULT 'NIET_GESTART',
    "owner" TEXT,
    "evidence" TEXT,
    "reviewedOn" TIMESTAMP(3),
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VvtStatement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VvtShare" (
    "organisationId" TEXT NOT NULL,
    "mode" "VvtShareMode" NOT NULL DEFAULT 'PRIVATE',
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "VvtShare_pkey" PRIMARY KEY ("organisationId")
);

-- CreateTable
CREATE TABLE "VvtSharePartner" (
    "organisationId" TEXT NOT NULL,
    "partnerId" TEXT NOT NULL,

    CONSTRAINT "VvtSharePartner_pkey" PRIMARY KEY ("organisationId","partnerId")
);

-- CreateIndex
CREATE INDEX "Bio2Measure_control_idx" ON "Bio2Measure"("control");

-- CreateIndex
CREATE UNIQUE INDEX "VvtStatement_organisationId_measureNumber_key" ON "VvtStatement"("organisationId", "measureNumber");

-- CreateIndex
CREATE INDEX "VvtSharePartner_partnerId_idx" ON "VvtSharePartner"("partnerId");

-- AddForeignKey
ALTER TABLE "VvtStatement" ADD CONSTRAINT "VvtStatement_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VvtStatement" ADD CONSTRAINT "VvtStatement_measureNumber_fkey" FOREIGN KEY ("measureNumber") REFERENCES "Bio2Measure"("number") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VvtShare" ADD CONSTRAINT "VvtShare_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VvtSharePartner" ADD CONSTRAINT "VvtSharePartner_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "VvtShare"("organisationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VvtSharePartner" ADD CONSTRAINT "VvtSharePartner_partnerId_fkey" FOREIGN KEY ("partnerId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;
