-- GEMMA's published views (platen) with the geometry of every node, to plot a landscape on.
-- CreateTable
CREATE TABLE "GemmaView" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL
);

-- CreateTable
CREATE TABLE "GemmaViewNode" (
    "viewId" TEXT NOT NULL,
    "id" TEXT NOT NULL,
    "parentId" TEXT,
    "kind" TEXT NOT NULL,
    "objectId" TEXT,
    "archimateType" TEXT,
    "gemmaType" TEXT,
    "label" TEXT NOT NULL,
    "x" INTEGER NOT NULL,
    "y" INTEGER NOT NULL,
    "width" INTEGER NOT NULL,
    "height" INTEGER NOT NULL,
    "fillColor" TEXT,
    "position" INTEGER NOT NULL,

    PRIMARY KEY ("viewId", "id"),
    CONSTRAINT "GemmaViewNode_viewId_fkey" FOREIGN KEY ("viewId") REFERENCES "GemmaView" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "GemmaView_code_key" ON "GemmaView"("code");

-- CreateIndex
CREATE INDEX "GemmaViewNode_objectId_idx" ON "GemmaViewNode"("objectId");

-- CreateIndex
CREATE UNIQUE INDEX "GemmaViewNode_viewId_position_key" ON "GemmaViewNode"("viewId", "position");
