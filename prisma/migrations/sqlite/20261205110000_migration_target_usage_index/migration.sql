-- The plan of one organisation finds the migrations that target its usages (they start their production and beheer):
-- without an index every usage tested every migration in the country.
-- CreateIndex
CREATE INDEX "Migration_targetUsageId_idx" ON "Migration"("targetUsageId");
