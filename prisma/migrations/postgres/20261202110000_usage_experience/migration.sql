-- Experiences with a product (ervaringen) on a usage: shared with every signed-in member, not private.
-- AlterTable
ALTER TABLE "Usage" ADD COLUMN "experience" TEXT;
