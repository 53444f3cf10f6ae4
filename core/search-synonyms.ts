// Other names for GEMMA reference components: the words people use for them ("zaaksysteem", "DMS", "CMS") where
// GEMMA's extract (content/gemma/) carries none. Keyed by GEMMA's object id, so a renamed component keeps its other
// names; test/unit/search-synonyms.test.ts checks every id against the GEMMA extract. Search matches these as it
// matches a component's own name, and then finds the products that realise the component and their usages.

/** GEMMA object id -> other names, each commented with the component's GEMMA name. */
export const COMPONENT_SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  // Generiek zaakafhandelcomponent
  'f2dfbd0b-9d36-405c-bdbe-827f3296de29': ['zaaksysteem', 'zaakafhandelsysteem', 'zaakafhandeling', 'ZAC'],
  // Zaakregistratiecomponent
  'a97b6545-d5a7-485d-9b13-3ce22db5b9cf': ['zaaksysteem', 'zaakregistratiesysteem', 'ZRC'],
  // Zaaktypecataloguscomponent
  '3ef9cdd9-631c-4d3e-88c3-f756423d6314': ['zaaktypecatalogus', 'ZTC'],
  // Documentregistratiecomponent
  '0e99ec6c-283a-4ec9-8efa-e11468e6b878': ['documentregistratie', 'DRC'],
  // Documentbeheercomponent
  '25ee9ea7-be66-4bdd-b40c-191777a88b35': ['documentmanagementsysteem', 'DMS'],
  // Documentcreatiecomponent
  'd6a2d1a8-23be-4808-b5ac-69e00de528c9': ['documentgenerator', 'sjablonen', 'tekstverwerker'],
  // Archiefbeheercomponent
  'b209fee8-d39a-4699-b0b4-02273c35c8c1': ['e-depot', 'digitaal archief'],
  // Relatiebeheercomponent (CRM)
  'eb436669-87b4-4134-b59b-dbfda11de5bc': ['klantcontactsysteem', 'klantbeeld'],
  // Klantgeleidingcomponent
  '4fb80905-d79b-4cde-aeab-7459fec668b1': ['wachtrijsysteem'],
  // Callcentercomponent
  '9d127615-3b66-4d9e-9071-2a85f9cd44d8': ['klantcontactcentrum', 'KCC', 'telefonie'],
  // Webcontentpublicatie- en beheercomponent
  '8c8117ec-8fcf-4e2c-ab31-cda3f4570642': ['CMS', 'website'],
  // Mijngemeentecomponent
  '96f66a08-8e0b-4602-944b-73ca3ba659f2': ['MijnOmgeving', 'mijn gemeente', 'persoonlijke internetpagina'],
  // E-formulieren publicatie-en-beheercomponent
  '5c9f683b-4454-4e3e-b93c-da50dfd6934a': ['formulierenbouwer', 'e-formulieren'],
  // Gebruikersbeheercomponent
  'b05eaafa-9381-45ae-a41d-7a9affaa43cd': ['identity and access management', 'IAM', 'single sign-on', 'SSO'],
  // Helpdeskcomponent
  '3c8f0d1d-0d4a-4517-9299-409ad59c294f': ['servicedesk', 'ITSM'],
  // Kantoorautomatiseringcomponent
  'ab033a6e-cc25-47f3-be19-e36a1f16930c': ['office', 'kantoorpakket', 'werkplek'],
  // Bestuur- en Raadsinformatiecomponent
  'caa38667-222c-48da-8c5e-c643b7a7657a': ['raadsinformatiesysteem', 'RIS', 'vergadersysteem'],
  // Meldingen openbare ruimtecomponent
  '2a53ea44-7822-4a0b-a80e-355ae715d477': ['MOR', 'meldingensysteem'],
  // BI-component
  '2eebab83-14b7-4e91-ac89-a2a702dcb81d': ['business intelligence', 'dashboards', 'managementinformatie'],
  // Data-warehousecomponent
  '3e79874f-3a37-49bd-86ef-d48d0f2ed4a1': ['datawarehouse'],
  // Gemeentelijke servicebuscomponent
  '8c2cf498-380a-4fc1-b8ce-becf802d6371': ['enterprise service bus', 'ESB', 'berichtenmakelaar', 'middleware'],
  // Gegevensdistributiecomponent
  '6c681cd8-9401-4103-82fc-51c0492d67e7': ['notificaties', 'gegevensdistributie'],
  // Anti-Malware-component
  'a8d9d887-7054-49ad-a5bd-ae92f8c530f2': ['virusscanner', 'antivirus'],
  // Inkomenscomponent
  'ed6eb5b8-b139-4857-bd5f-2018fd8adf22': ['uitkeringen', 'participatiewet'],
  // Onlinebetalingcomponent
  '0b4bdf69-8db4-4a90-8121-56221612423a': ['betaalprovider', 'iDEAL', 'online betalen'],
  // Financieel component
  '45d49c0d-ef2c-48fa-9ebf-9b5b84678445': ['financiële administratie', 'boekhouding', 'ERP'],
  // Personeelsinformatiecomponent
  '4e06db9f-a70b-4e5e-9ddf-cb3c75abfe61': ['HRM', 'personeelssysteem'],
  // Vergunning- Toezicht- Handhavingcomponent
  'ca98dd6d-1c0b-43dc-a26e-61ebd1cd810d': ['VTH', 'vergunningensysteem'],
  // Vergunning- Toezicht- en Handhavingcomponent fysieke leefomgeving
  '0777c4b6-e7c5-4d42-9fe8-9b98e6bca8a6': ['VTH', 'omgevingsvergunning'],
  // Belastingencomponent
  'dd600708-7aa3-48c3-aad9-056e15b3245c': ['belastingsysteem', 'heffingen'],
  // Burgerzakencomponent
  'a69a3d2f-6129-423d-9e7b-12f82f1e6f66': ['burgerzakensysteem'],
  // GBA-administratiecomponent
  '6a282e83-5d30-4815-a0c5-ad7538f7e5f6': ['BRP-administratie', 'basisregistratie personen'],
  // Geo-gegevens analysecomponent
  'c47a1b6e-e143-4108-b5eb-5a94347b15b8': ['GIS', 'geo-informatiesysteem'],
  // Geo-gegevens inwincomponent
  'b9c3b132-1ec8-4c05-9357-d762e360e15b': ['GIS'],
  // Afsprakenbeheercomponent
  'e3a3a9b3-b778-4e12-a6a3-f72384a7fac7': ['afsprakensysteem', 'afspraken maken'],
};
