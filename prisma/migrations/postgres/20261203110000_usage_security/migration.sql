-- A usage's information security, privacy and algorithms: risk assessment, pentest and EDPB criteria (private to the
-- organisation), and the algorithm or AI system with its AI Act risk class, oversight and register entry.
-- CreateEnum
CREATE TYPE "PentestState" AS ENUM ('NO_FINDINGS', 'FINDINGS_OPEN', 'FINDINGS_RESOLVED');

-- CreateEnum
CREATE TYPE "AiRiskClass" AS ENUM ('PROHIBITED', 'HIGH', 'LIMITED', 'MINIMAL');

-- AlterTable
ALTER TABLE "Usage" ADD COLUMN     "riskAssessmentDate" TIMESTAMP(3),
ADD COLUMN     "pentestDate" TIMESTAMP(3),
ADD COLUMN     "pentestState" "PentestState",
ADD COLUMN     "dpiaCriteria" TEXT,
ADD COLUMN     "algorithmForResidents" BOOLEAN,
ADD COLUMN     "aiRiskClass" "AiRiskClass",
ADD COLUMN     "humanOversight" TEXT,
ADD COLUMN     "algorithmRegisterUrl" TEXT;
