-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "cbsCode" TEXT,
    "description" TEXT,
    "website" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Membership" (
    "cooperationId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "since" DATETIME,

    PRIMARY KEY ("cooperationId", "memberId"),
    CONSTRAINT "Membership_cooperationId_fkey" FOREIGN KEY ("cooperationId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Membership_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Organisation" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Supplier" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "website" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "description" TEXT,
    "licence" TEXT,
    "openSource" BOOLEAN NOT NULL DEFAULT false,
    "repository" TEXT,
    "deliveryModel" TEXT,
    "hostingJurisdiction" TEXT,
    "architecture" TEXT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Product_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProductLayer" (
    "productId" TEXT NOT NULL,
    "layer" TEXT NOT NULL,

    PRIMARY KEY ("productId", "layer"),
    CONSTRAINT "ProductLayer_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProductVersion" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "productId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "releasedOn" DATETIME,
    CONSTRAINT "ProductVersion_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProductReferenceComponent" (
    "productId" TEXT NOT NULL,
    "referenceComponentId" TEXT NOT NULL,

    PRIMARY KEY ("productId", "referenceComponentId"),
    CONSTRAINT "ProductReferenceComponent_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProductReferenceComponent_referenceComponentId_fkey" FOREIGN KEY ("referenceComponentId") REFERENCES "ReferenceComponent" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProductStandard" (
    "productId" TEXT NOT NULL,
    "standardId" TEXT NOT NULL,
    "version" TEXT,

    PRIMARY KEY ("productId", "standardId"),
    CONSTRAINT "ProductStandard_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProductStandard_standardId_fkey" FOREIGN KEY ("standardId") REFERENCES "Standard" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReferenceComponent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "gemmaStatus" TEXT NOT NULL,
    "description" TEXT,
    "explanation" TEXT,
    "availability" INTEGER,
    "integrity" INTEGER,
    "confidentiality" INTEGER,
    "gemmaUrl" TEXT
);

-- CreateTable
CREATE TABLE "Standard" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "gemmaStatus" TEXT NOT NULL,
    "maintainer" TEXT,
    "url" TEXT,
    "description" TEXT
);

-- CreateTable
CREATE TABLE "ReferenceComponentStandard" (
    "referenceComponentId" TEXT NOT NULL,
    "standardId" TEXT NOT NULL,
    "role" TEXT,

    PRIMARY KEY ("referenceComponentId", "standardId"),
    CONSTRAINT "ReferenceComponentStandard_referenceComponentId_fkey" FOREIGN KEY ("referenceComponentId") REFERENCES "ReferenceComponent" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReferenceComponentStandard_standardId_fkey" FOREIGN KEY ("standardId") REFERENCES "Standard" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReferenceComponentFlow" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    CONSTRAINT "ReferenceComponentFlow_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "ReferenceComponent" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReferenceComponentFlow_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "ReferenceComponent" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExternalService" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "description" TEXT
);

-- CreateTable
CREATE TABLE "Usage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "versionId" TEXT,
    "operatorId" TEXT,
    "status" TEXT NOT NULL,
    "acquiringSince" DATETIME,
    "plannedSince" DATETIME,
    "inProductionSince" DATETIME,
    "phasingOutSince" DATETIME,
    "retiredSince" DATETIME,
    "contact" TEXT,
    "availability" INTEGER,
    "integrity" INTEGER,
    "confidentiality" INTEGER,
    "personalData" BOOLEAN NOT NULL DEFAULT false,
    "dpiaStatus" TEXT,
    "dpiaDate" DATETIME,
    "processorAgreement" BOOLEAN,
    "criticality" TEXT,
    "time" TEXT,
    "contractEndsOn" DATETIME,
    "yearlyCost" INTEGER,
    "internalNote" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Usage_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Usage_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Usage_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ProductVersion" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Usage_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Organisation" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UsageReferenceComponent" (
    "usageId" TEXT NOT NULL,
    "referenceComponentId" TEXT NOT NULL,

    PRIMARY KEY ("usageId", "referenceComponentId"),
    CONSTRAINT "UsageReferenceComponent_usageId_fkey" FOREIGN KEY ("usageId") REFERENCES "Usage" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "UsageReferenceComponent_referenceComponentId_fkey" FOREIGN KEY ("referenceComponentId") REFERENCES "ReferenceComponent" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UsageMember" (
    "usageId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,

    PRIMARY KEY ("usageId", "organisationId"),
    CONSTRAINT "UsageMember_usageId_fkey" FOREIGN KEY ("usageId") REFERENCES "Usage" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "UsageMember_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "UsageBeheerLoad" (
    "usageId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "fte" REAL NOT NULL,

    PRIMARY KEY ("usageId", "role"),
    CONSTRAINT "UsageBeheerLoad_usageId_fkey" FOREIGN KEY ("usageId") REFERENCES "Usage" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Interface" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "key" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "fromUsageId" TEXT NOT NULL,
    "toUsageId" TEXT,
    "externalServiceId" TEXT,
    "intermediaryId" TEXT,
    "type" TEXT NOT NULL,
    "direction" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "copiesData" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Interface_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Interface_fromUsageId_fkey" FOREIGN KEY ("fromUsageId") REFERENCES "Usage" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Interface_toUsageId_fkey" FOREIGN KEY ("toUsageId") REFERENCES "Usage" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Interface_externalServiceId_fkey" FOREIGN KEY ("externalServiceId") REFERENCES "ExternalService" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Interface_intermediaryId_fkey" FOREIGN KEY ("intermediaryId") REFERENCES "Usage" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "InterfaceStandard" (
    "interfaceId" TEXT NOT NULL,
    "standardId" TEXT NOT NULL,
    "version" TEXT,

    PRIMARY KEY ("interfaceId", "standardId"),
    CONSTRAINT "InterfaceStandard_interfaceId_fkey" FOREIGN KEY ("interfaceId") REFERENCES "Interface" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InterfaceStandard_standardId_fkey" FOREIGN KEY ("standardId") REFERENCES "Standard" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_cbsCode_key" ON "Organisation"("cbsCode");

-- CreateIndex
CREATE INDEX "Organisation_type_name_idx" ON "Organisation"("type", "name");

-- CreateIndex
CREATE INDEX "Membership_memberId_idx" ON "Membership"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "Supplier_slug_key" ON "Supplier"("slug");

-- CreateIndex
CREATE INDEX "Supplier_name_idx" ON "Supplier"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Product_slug_key" ON "Product"("slug");

-- CreateIndex
CREATE INDEX "Product_name_idx" ON "Product"("name");

-- CreateIndex
CREATE INDEX "Product_architecture_name_idx" ON "Product"("architecture", "name");

-- CreateIndex
CREATE INDEX "Product_supplierId_idx" ON "Product"("supplierId");

-- CreateIndex
CREATE INDEX "ProductLayer_layer_idx" ON "ProductLayer"("layer");

-- CreateIndex
CREATE UNIQUE INDEX "ProductVersion_productId_name_key" ON "ProductVersion"("productId", "name");

-- CreateIndex
CREATE INDEX "ProductReferenceComponent_referenceComponentId_idx" ON "ProductReferenceComponent"("referenceComponentId");

-- CreateIndex
CREATE INDEX "ProductStandard_standardId_idx" ON "ProductStandard"("standardId");

-- CreateIndex
CREATE INDEX "ReferenceComponent_group_name_idx" ON "ReferenceComponent"("group", "name");

-- CreateIndex
CREATE INDEX "Standard_name_idx" ON "Standard"("name");

-- CreateIndex
CREATE INDEX "ReferenceComponentStandard_standardId_idx" ON "ReferenceComponentStandard"("standardId");

-- CreateIndex
CREATE INDEX "ReferenceComponentFlow_targetId_idx" ON "ReferenceComponentFlow"("targetId");

-- CreateIndex
CREATE UNIQUE INDEX "ReferenceComponentFlow_sourceId_targetId_name_key" ON "ReferenceComponentFlow"("sourceId", "targetId", "name");

-- CreateIndex
CREATE INDEX "ExternalService_name_idx" ON "ExternalService"("name");

-- CreateIndex
CREATE INDEX "Usage_organisationId_status_idx" ON "Usage"("organisationId", "status");

-- CreateIndex
CREATE INDEX "Usage_productId_idx" ON "Usage"("productId");

-- CreateIndex
CREATE INDEX "Usage_status_idx" ON "Usage"("status");

-- CreateIndex
CREATE INDEX "Usage_operatorId_idx" ON "Usage"("operatorId");

-- CreateIndex
CREATE UNIQUE INDEX "Usage_organisationId_key_key" ON "Usage"("organisationId", "key");

-- CreateIndex
CREATE INDEX "UsageReferenceComponent_referenceComponentId_idx" ON "UsageReferenceComponent"("referenceComponentId");

-- CreateIndex
CREATE INDEX "UsageMember_organisationId_idx" ON "UsageMember"("organisationId");

-- CreateIndex
CREATE INDEX "Interface_fromUsageId_idx" ON "Interface"("fromUsageId");

-- CreateIndex
CREATE INDEX "Interface_toUsageId_idx" ON "Interface"("toUsageId");

-- CreateIndex
CREATE INDEX "Interface_externalServiceId_idx" ON "Interface"("externalServiceId");

-- CreateIndex
CREATE UNIQUE INDEX "Interface_organisationId_key_key" ON "Interface"("organisationId", "key");

-- CreateIndex
CREATE INDEX "InterfaceStandard_standardId_idx" ON "InterfaceStandard"("standardId");
