-- Databases seeded before content/gemma/ was corrected carry the group "Aangepast)" (a fragment of a folder name in
-- the GEMMA extract) for BRO-beheercomponent, which belongs to "Referentiecomponenten domeinen" (content/gemma/README.md).
-- No semicolon may stand in a comment here: the migration is split into statements at every semicolon.
UPDATE "ReferenceComponent" SET "group" = 'Referentiecomponenten domeinen' WHERE "group" = 'Aangepast)';
