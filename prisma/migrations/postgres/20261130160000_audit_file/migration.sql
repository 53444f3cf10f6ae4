-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "file" TEXT;
