-- AlterTable
ALTER TABLE "Organisation" ADD COLUMN     "emailDomains" TEXT NOT NULL DEFAULT '';
