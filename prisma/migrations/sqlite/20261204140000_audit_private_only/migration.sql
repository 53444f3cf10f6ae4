-- A change that changed nothing but fields private to the organisation is marked when it is recorded, so that the
-- trail can leave it out for readers outside the organisation in the query itself. Changes already recorded are
-- marked here from their changed field names, as core/privacy.ts PRIVATE_FIELDS declares them now.
-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "privateOnly" BOOLEAN NOT NULL DEFAULT false;

-- Backfill
UPDATE "AuditEvent" SET "privateOnly" = true
WHERE EXISTS (SELECT 1 FROM json_each("AuditEvent"."changes"))
  AND (
    ("entityType" = 'Usage' AND NOT EXISTS (SELECT 1 FROM json_each("AuditEvent"."changes") WHERE "key" NOT IN ('contractEndsOn', 'yearlyCost', 'internalNote', 'riskAssessmentDate', 'pentestDate', 'pentestState', 'dpiaCriteria')))
    OR
    ("entityType" = 'VvtStatement' AND NOT EXISTS (SELECT 1 FROM json_each("AuditEvent"."changes") WHERE "key" NOT IN ('applies', 'reason', 'state', 'owner', 'evidence', 'reviewedOn')))
    OR
    ("entityType" = 'Evidence' AND NOT EXISTS (SELECT 1 FROM json_each("AuditEvent"."changes") WHERE "key" NOT IN ('evidenceKind', 'title', 'evidenceIssuer', 'evidenceScope', 'validFrom', 'validUntil', 'link', 'fileName', 'sha256', 'visibility', 'partners')))
    OR
    ("entityType" = 'ProcessingActivity' AND NOT EXISTS (SELECT 1 FROM json_each("AuditEvent"."changes") WHERE "key" NOT IN ('name', 'purpose', 'legalGround', 'specialCategories', 'specialException', 'criminalData', 'dataSubjects', 'personalData', 'retention', 'recipients', 'role', 'templateId', 'measures', 'usages')))
    OR
    ("entityType" = 'Membership' AND NOT EXISTS (SELECT 1 FROM json_each("AuditEvent"."changes") WHERE "key" NOT IN ('email', 'role', 'newUser', 'officer')))
    OR
    ("entityType" = 'Attestation' AND NOT EXISTS (SELECT 1 FROM json_each("AuditEvent"."changes") WHERE "key" NOT IN ('note', 'dataVersion')))
    OR
    ("entityType" = 'Invitation' AND NOT EXISTS (SELECT 1 FROM json_each("AuditEvent"."changes") WHERE "key" NOT IN ('email', 'role', 'expiresAt', 'existingAccountWithoutMembership', 'passwordReplaced')))
    OR
    ("entityType" = 'User' AND NOT EXISTS (SELECT 1 FROM json_each("AuditEvent"."changes") WHERE "key" NOT IN ('email', 'isInstanceAdmin', 'membership')))
    OR
    ("entityType" = 'IdentityProvider' AND NOT EXISTS (SELECT 1 FROM json_each("AuditEvent"."changes") WHERE "key" NOT IN ('issuer', 'clientId', 'emailDomains', 'roleClaim', 'viewerValues', 'editorValues', 'adminValues', 'defaultRole', 'enabled', 'clientSecret')))
  );
