-- Databases seeded before content/gemma/ was corrected carry the group "Aangepast)" (a fragment of a folder name in
-- the GEMMA extract) for BRO-beheercomponent; it belongs to "Referentiecomponenten domeinen" (content/gemma/README.md).
UPDATE "ReferenceComponent" SET "group" = 'Referentiecomponenten domeinen' WHERE "group" = 'Aangepast)';
