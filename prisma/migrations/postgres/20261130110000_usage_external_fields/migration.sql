-- AlterTable
ALTER TABLE "Usage" ADD COLUMN     "externalFields" TEXT;
