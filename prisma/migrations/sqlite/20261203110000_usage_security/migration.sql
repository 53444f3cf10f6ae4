-- A usage's information security, privacy and algorithms: risk assessment, pentest and EDPB criteria (private to the
-- organisation), and the algorithm or AI system with its AI Act risk class, oversight and register entry.
-- AlterTable
ALTER TABLE "Usage" ADD COLUMN "riskAssessmentDate" DATETIME;
ALTER TABLE "Usage" ADD COLUMN "pentestDate" DATETIME;
ALTER TABLE "Usage" ADD COLUMN "pentestState" TEXT;
ALTER TABLE "Usage" ADD COLUMN "dpiaCriteria" TEXT;
ALTER TABLE "Usage" ADD COLUMN "algorithmForResidents" BOOLEAN;
ALTER TABLE "Usage" ADD COLUMN "aiRiskClass" TEXT;
ALTER TABLE "Usage" ADD COLUMN "humanOversight" TEXT;
ALTER TABLE "Usage" ADD COLUMN "algorithmRegisterUrl" TEXT;
