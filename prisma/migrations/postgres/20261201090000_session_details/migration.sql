-- Sessions get an id of their own for the owner's list (random, filled in for open sessions), the browser, the
-- address and the sign-in method.
ALTER TABLE "Session" ADD COLUMN "publicId" TEXT;
UPDATE "Session" SET "publicId" = 'c' || substr(md5(random()::text || "id"), 1, 24);
ALTER TABLE "Session" ALTER COLUMN "publicId" SET NOT NULL;
CREATE UNIQUE INDEX "Session_publicId_key" ON "Session"("publicId");
ALTER TABLE "Session" ADD COLUMN "userAgent" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Session" ADD COLUMN "address" TEXT NOT NULL DEFAULT '';
ALTER TABLE "Session" ADD COLUMN "method" TEXT NOT NULL DEFAULT 'PASSWORD';
