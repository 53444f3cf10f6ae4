-- AlterTable
ALTER TABLE "Supplier" ADD COLUMN "aliases" TEXT NOT NULL DEFAULT '';

-- AlterTable
ALTER TABLE "Product" ADD COLUMN "aliases" TEXT NOT NULL DEFAULT '';
