-- Wrong second-step answers since the last passed one (a hard lock at a limit), and when the owner was last mailed about one.
-- AlterTable
ALTER TABLE "User" ADD COLUMN "secondStepFailures" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "User" ADD COLUMN "secondStepFailureMailedAt" DATETIME;
