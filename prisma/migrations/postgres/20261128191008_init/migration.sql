-- CreateEnum
CREATE TYPE "OrganisationType" AS ENUM ('MUNICIPALITY', 'COOPERATION', 'SUPPLIER', 'OTHER');

-- CreateEnum
CREATE TYPE "Architecture" AS ENUM ('LEGACY', 'HYBRID', 'COMMON_GROUND');

-- CreateEnum
CREATE TYPE "Layer" AS ENUM ('INTERACTION', 'PROCESS', 'INTEGRATION', 'SERVICE', 'DATA');

-- CreateEnum
CREATE TYPE "DeliveryModel" AS ENUM ('ON_PREMISES', 'IAAS', 'PAAS', 'SAAS');

-- CreateEnum
CREATE TYPE "Jurisdiction" AS ENUM ('NL', 'EU', 'US', 'OTHER');

-- CreateEnum
CREATE TYPE "StandardRole" AS ENUM ('MANDATORY', 'RECOMMENDED');

-- CreateEnum
CREATE TYPE "UsageStatus" AS ENUM ('ACQUIRING', 'PLANNED', 'IN_PRODUCTION', 'PHASING_OUT', 'RETIRED');

-- CreateEnum
CREATE TYPE "DpiaStatus" AS ENUM ('NOT_NEEDED', 'PLANNED', 'IN_PROGRESS', 'DONE');

-- CreateEnum
CREATE TYPE "Criticality" AS ENUM ('LOW', 'MEDIUM', 'HIGH', 'VITAL');

-- CreateEnum
CREATE TYPE "TimeClass" AS ENUM ('TOLERATE', 'INVEST', 'MIGRATE', 'ELIMINATE');

-- CreateEnum
CREATE TYPE "BeheerRole" AS ENUM ('FUNCTIONAL_MANAGEMENT', 'APPLICATION_MANAGEMENT', 'TECHNICAL_MANAGEMENT', 'INFORMATION_MANAGEMENT', 'ARCHITECTURE', 'INFORMATION_SECURITY', 'PRIVACY');

-- CreateEnum
CREATE TYPE "InterfaceType" AS ENUM ('API', 'WEBSERVICE', 'FILE_TRANSFER', 'DIGIKOPPELING', 'MESSAGE_QUEUE', 'PORTAL_UPLOAD');

-- CreateEnum
CREATE TYPE "InterfaceDirection" AS ENUM ('A_TO_B', 'B_TO_A', 'BOTH');

-- CreateEnum
CREATE TYPE "InterfaceStatus" AS ENUM ('IN_DEVELOPMENT', 'IN_USE', 'END_OF_SUPPORT', 'WITHDRAWN');

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" "OrganisationType" NOT NULL,
    "cbsCode" TEXT,
    "description" TEXT,
    "website" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Membership" (
    "cooperationId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "since" TIMESTAMP(3),

    CONSTRAINT "Membership_pkey" PRIMARY KEY ("cooperationId","memberId")
);

-- CreateTable
CREATE TABLE "Supplier" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "website" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Supplier_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Product" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "description" TEXT,
    "licence" TEXT,
    "openSource" BOOLEAN NOT NULL DEFAULT false,
    "repository" TEXT,
    "deliveryModel" "DeliveryModel",
    "hostingJurisdiction" "Jurisdiction",
    "architecture" "Architecture" NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductLayer" (
    "productId" TEXT NOT NULL,
    "layer" "Layer" NOT NULL,

    CONSTRAINT "ProductLayer_pkey" PRIMARY KEY ("productId","layer")
);

-- CreateTable
CREATE TABLE "ProductVersion" (
    "id" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "releasedOn" TIMESTAMP(3),

    CONSTRAINT "ProductVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProductReferenceComponent" (
    "productId" TEXT NOT NULL,
    "referenceComponentId" TEXT NOT NULL,

    CONSTRAINT "ProductReferenceComponent_pkey" PRIMARY KEY ("productId","referenceComponentId")
);

-- CreateTable
CREATE TABLE "ProductStandard" (
    "productId" TEXT NOT NULL,
    "standardId" TEXT NOT NULL,
    "version" TEXT,

    CONSTRAINT "ProductStandard_pkey" PRIMARY KEY ("productId","standardId")
);

-- CreateTable
CREATE TABLE "ReferenceComponent" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "group" TEXT NOT NULL,
    "gemmaStatus" TEXT NOT NULL,
    "description" TEXT,
    "explanation" TEXT,
    "availability" INTEGER,
    "integrity" INTEGER,
    "confidentiality" INTEGER,
    "gemmaUrl" TEXT,

    CONSTRAINT "ReferenceComponent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Standard" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "gemmaStatus" TEXT NOT NULL,
    "maintainer" TEXT,
    "url" TEXT,
    "description" TEXT,

    CONSTRAINT "Standard_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferenceComponentStandard" (
    "referenceComponentId" TEXT NOT NULL,
    "standardId" TEXT NOT NULL,
    "role" "StandardRole",

    CONSTRAINT "ReferenceComponentStandard_pkey" PRIMARY KEY ("referenceComponentId","standardId")
);

-- CreateTable
CREATE TABLE "ReferenceComponentFlow" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "targetId" TEXT NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "ReferenceComponentFlow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExternalService" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,

    CONSTRAINT "ExternalService_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Usage" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "versionId" TEXT,
    "operatorId" TEXT,
    "status" "UsageStatus" NOT NULL,
    "acquiringSince" TIMESTAMP(3),
    "plannedSince" TIMESTAMP(3),
    "inProductionSince" TIMESTAMP(3),
    "phasingOutSince" TIMESTAMP(3),
    "retiredSince" TIMESTAMP(3),
    "contact" TEXT,
    "availability" INTEGER,
    "integrity" INTEGER,
    "confidentiality" INTEGER,
    "personalData" BOOLEAN NOT NULL DEFAULT false,
    "dpiaStatus" "DpiaStatus",
    "dpiaDate" TIMESTAMP(3),
    "processorAgreement" BOOLEAN,
    "criticality" "Criticality",
    "time" "TimeClass",
    "contractEndsOn" TIMESTAMP(3),
    "yearlyCost" INTEGER,
    "internalNote" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Usage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "UsageReferenceComponent" (
    "usageId" TEXT NOT NULL,
    "referenceComponentId" TEXT NOT NULL,

    CONSTRAINT "UsageReferenceComponent_pkey" PRIMARY KEY ("usageId","referenceComponentId")
);

-- CreateTable
CREATE TABLE "UsageMember" (
    "usageId" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,

    CONSTRAINT "UsageMember_pkey" PRIMARY KEY ("usageId","organisationId")
);

-- CreateTable
CREATE TABLE "UsageBeheerLoad" (
    "usageId" TEXT NOT NULL,
    "role" "BeheerRole" NOT NULL,
    "fte" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "UsageBeheerLoad_pkey" PRIMARY KEY ("usageId","role")
);

-- CreateTable
CREATE TABLE "Interface" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "fromUsageId" TEXT NOT NULL,
    "toUsageId" TEXT,
    "externalServiceId" TEXT,
    "intermediaryId" TEXT,
    "type" "InterfaceType" NOT NULL,
    "direction" "InterfaceDirection" NOT NULL,
    "status" "InterfaceStatus" NOT NULL,
    "copiesData" BOOLEAN NOT NULL DEFAULT false,
    "description" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Interface_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "InterfaceStandard" (
    "interfaceId" TEXT NOT NULL,
    "standardId" TEXT NOT NULL,
    "version" TEXT,

    CONSTRAINT "InterfaceStandard_pkey" PRIMARY KEY ("interfaceId","standardId")
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

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_cooperationId_fkey" FOREIGN KEY ("cooperationId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Membership" ADD CONSTRAINT "Membership_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Organisation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Product" ADD CONSTRAINT "Product_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductLayer" ADD CONSTRAINT "ProductLayer_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductVersion" ADD CONSTRAINT "ProductVersion_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductReferenceComponent" ADD CONSTRAINT "ProductReferenceComponent_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductReferenceComponent" ADD CONSTRAINT "ProductReferenceComponent_referenceComponentId_fkey" FOREIGN KEY ("referenceComponentId") REFERENCES "ReferenceComponent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductStandard" ADD CONSTRAINT "ProductStandard_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProductStandard" ADD CONSTRAINT "ProductStandard_standardId_fkey" FOREIGN KEY ("standardId") REFERENCES "Standard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferenceComponentStandard" ADD CONSTRAINT "ReferenceComponentStandard_referenceComponentId_fkey" FOREIGN KEY ("referenceComponentId") REFERENCES "ReferenceComponent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferenceComponentStandard" ADD CONSTRAINT "ReferenceComponentStandard_standardId_fkey" FOREIGN KEY ("standardId") REFERENCES "Standard"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferenceComponentFlow" ADD CONSTRAINT "ReferenceComponentFlow_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "ReferenceComponent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferenceComponentFlow" ADD CONSTRAINT "ReferenceComponentFlow_targetId_fkey" FOREIGN KEY ("targetId") REFERENCES "ReferenceComponent"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Usage" ADD CONSTRAINT "Usage_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Usage" ADD CONSTRAINT "Usage_productId_fkey" FOREIGN KEY ("productId") REFERENCES "Product"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Usage" ADD CONSTRAINT "Usage_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ProductVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Usage" ADD CONSTRAINT "Usage_operatorId_fkey" FOREIGN KEY ("operatorId") REFERENCES "Organisation"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageReferenceComponent" ADD CONSTRAINT "UsageReferenceComponent_usageId_fkey" FOREIGN KEY ("usageId") REFERENCES "Usage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageReferenceComponent" ADD CONSTRAINT "UsageReferenceComponent_referenceComponentId_fkey" FOREIGN KEY ("referenceComponentId") REFERENCES "ReferenceComponent"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageMember" ADD CONSTRAINT "UsageMember_usageId_fkey" FOREIGN KEY ("usageId") REFERENCES "Usage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageMember" ADD CONSTRAINT "UsageMember_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "UsageBeheerLoad" ADD CONSTRAINT "UsageBeheerLoad_usageId_fkey" FOREIGN KEY ("usageId") REFERENCES "Usage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interface" ADD CONSTRAINT "Interface_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interface" ADD CONSTRAINT "Interface_fromUsageId_fkey" FOREIGN KEY ("fromUsageId") REFERENCES "Usage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interface" ADD CONSTRAINT "Interface_toUsageId_fkey" FOREIGN KEY ("toUsageId") REFERENCES "Usage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interface" ADD CONSTRAINT "Interface_externalServiceId_fkey" FOREIGN KEY ("externalServiceId") REFERENCES "ExternalService"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Interface" ADD CONSTRAINT "Interface_intermediaryId_fkey" FOREIGN KEY ("intermediaryId") REFERENCES "Usage"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterfaceStandard" ADD CONSTRAINT "InterfaceStandard_interfaceId_fkey" FOREIGN KEY ("interfaceId") REFERENCES "Interface"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "InterfaceStandard" ADD CONSTRAINT "InterfaceStandard_standardId_fkey" FOREIGN KEY ("standardId") REFERENCES "Standard"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
