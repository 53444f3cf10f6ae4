// Every site address comes from site/lib/routes.ts: each family gives the path the pages answer on, with segments and
// query values encoded, and each page file is reached by some route.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '#prisma/database.ts';
import { routes, withQuery } from '#site/lib/routes.ts';

describe('withQuery', () => {
  it('leaves out empty values, repeats lists and encodes keys, values and nothing else', () => {
    expect(withQuery('/a')).toBe('/a');
    expect(withQuery('/a', { x: null, y: undefined, z: '', w: false })).toBe('/a');
    expect(withQuery('/a', { org: ['emmen', 'a&b'] })).toBe('/a?org=emmen&org=a%26b');
    expect(withQuery('/a', { q: 'zaak systeem/2?', n: 3 }, 'deel')).toBe('/a?q=zaak%20systeem%2F2%3F&n=3#deel');
  });
});

describe('routes', () => {
  it('builds the organisation family', () => {
    expect(routes.organisation('emmen')).toBe('/organisaties/emmen');
    expect(routes.organisation('emmen', 'migraties')).toBe('/organisaties/emmen#migraties');
    expect(routes.usages('emmen')).toBe('/organisaties/emmen/gebruik');
    expect(routes.usages('emmen', { indeling: 'groep' }, 'groep-1')).toBe(
      '/organisaties/emmen/gebruik?indeling=groep#groep-1',
    );
    expect(routes.usage('emmen', 'zaken 1/2')).toBe('/organisaties/emmen/gebruik/zaken%201%2F2');
    expect(routes.usage('emmen', 'zaken', { opgeslagen: 'aanmaken' })).toBe(
      '/organisaties/emmen/gebruik/zaken?opgeslagen=aanmaken',
    );
    expect(routes.newUsage('emmen')).toBe('/organisaties/emmen/gebruik/nieuw');
    expect(routes.interfaces('emmen', {}, 'verwacht')).toBe('/organisaties/emmen/koppelingen#verwacht');
    expect(routes.interfaces('emmen', { soort: ['API', 'BESTAND'] })).toBe(
      '/organisaties/emmen/koppelingen?soort=API&soort=BESTAND',
    );
    expect(routes.interface('emmen', 'k#1')).toBe('/organisaties/emmen/koppelingen/k%231');
    expect(routes.changes('emmen', 'YXJyYXk=')).toBe('/organisaties/emmen/wijzigingen?na=YXJyYXk%3D');
    expect(routes.changes('emmen')).toBe('/organisaties/emmen/wijzigingen');
    expect(routes.attestation('emmen', { bevestigd: 'ja' })).toBe('/organisaties/emmen/bevestiging?bevestigd=ja');
    expect(routes.landscapeImport('emmen')).toBe('/organisaties/emmen/importeren');
    expect(routes.evidence('emmen', { opgeslagen: 'toegevoegd' }, 'eigen')).toBe(
      '/organisaties/emmen/bewijs?opgeslagen=toegevoegd#eigen',
    );
    expect(routes.evidenceEdit('emmen', 'ck1')).toBe('/organisaties/emmen/bewijs/ck1');
    expect(routes.evidenceDownload('open zaak', 'ck1')).toBe('/pakketten/open%20zaak/bewijs/ck1');
    expect(routes.organisationSignIn('emmen', { opgeslagen: 'ja' })).toBe('/organisaties/emmen/inloggen?opgeslagen=ja');
    expect(routes.proposals('emmen')).toBe('/organisaties/emmen/voorstellen');
    expect(routes.algorithms('emmen')).toBe('/organisaties/emmen/algoritmen');
    expect(routes.ensia('emmen')).toBe('/organisaties/emmen/ensia');
    expect(routes.securityDashboard('emmen', 'dpia')).toBe('/organisaties/emmen/veiligheid#dpia');
    expect(routes.securityOverview()).toBe('/veiligheid');
    expect(routes.algorithmsOverview({ risico: ['HIGH', 'LIMITED'], organisatie: 'emmen' })).toBe(
      '/algoritmen?risico=HIGH&risico=LIMITED&organisatie=emmen',
    );
    expect(routes.ensiaOverview()).toBe('/ensia');
    expect(routes.landscapeDownload('emmen', 'gebruik.xlsx')).toBe('/organisaties/emmen/gebruik.xlsx');
    expect(routes.processingActivity('emmen', 'nieuw')).toBe('/organisaties/emmen/verwerkingen/nieuw');
    expect(routes.processingPrint('emmen')).toBe('/organisaties/emmen/verwerkingen/afdrukken');
    expect(routes.processingDownload('emmen', 'verwerkingen.csv')).toBe('/organisaties/emmen/verwerkingen.csv');
  });

  it('builds sign-in addresses, leaving out a return to the start page', () => {
    expect(routes.signIn()).toBe('/inloggen');
    expect(routes.signIn('/')).toBe('/inloggen');
    expect(routes.signIn('/account?x=1')).toBe('/inloggen?terug=%2Faccount%3Fx%3D1');
    expect(routes.signIn(null, { wachtwoord: 'hersteld' })).toBe('/inloggen?wachtwoord=hersteld');
    expect(routes.secondStep('/beheer/inloggen')).toBe('/inloggen/tweede-stap?terug=%2Fbeheer%2Finloggen');
    expect(routes.singleSignOn('/')).toBe('/inloggen/sso');
    expect(routes.passwordReset('a+b')).toBe('/wachtwoord-herstellen?sleutel=a%2Bb');
    expect(routes.account({ wachtwoord: 'gewijzigd' })).toBe('/account?wachtwoord=gewijzigd');
    expect(routes.account({}, 'sessies')).toBe('/account#sessies');
    expect(routes.identityProviders({ id: 'a/b' }, 'wijzigen')).toBe('/beheer/inloggen?id=a%2Fb#wijzigen');
  });

  it('builds the catalogue, comparison and transition families', () => {
    expect(routes.home('abc')).toBe('/?na=abc');
    expect(routes.home()).toBe('/');
    expect(routes.search('zaak & co')).toBe('/zoeken?q=zaak%20%26%20co');
    expect(routes.compare(['emmen', 'assen'])).toBe('/vergelijk?org=emmen&org=assen');
    expect(routes.compareArchimate(['emmen'])).toBe('/vergelijk/archimate.xml?org=emmen');
    expect(routes.statistics()).toBe('/statistieken');
    expect(routes.statistics('borger-odoorn', 'legacy-per-laag')).toBe(
      '/statistieken?organisatie=borger-odoorn#legacy-per-laag',
    );
    expect(routes.compare(['emmen'], '2027-07-01')).toBe('/vergelijk?org=emmen&datum=2027-07-01');
    expect(routes.compareArchimate(['emmen'], '2027-07-01')).toBe(
      '/vergelijk/archimate.xml?org=emmen&datum=2027-07-01',
    );
    expect(routes.landscapePlateau('emmen', '2027-07-01')).toBe('/organisaties/emmen/archimate.xml?datum=2027-07-01');
    expect(routes.difference('emmen', { van: '2026-12-01', tot: '2027-07-01' })).toBe(
      '/organisaties/emmen/verschil?van=2026-12-01&tot=2027-07-01',
    );
    expect(routes.products({ q: 'zaak', architectuur: null, na: 'c' })).toBe('/pakketten?q=zaak&na=c');
    expect(routes.product('zaaksysteem')).toBe('/pakketten/zaaksysteem');
    expect(
      routes.products({ laag: 'DATA', licentie: 'open', component: 'a/b', standaard: 's', leverancier: 'x' }),
    ).toBe('/pakketten?laag=DATA&licentie=open&component=a%2Fb&standaard=s&leverancier=x');
    expect(routes.compareProducts(['open-zaak', 'a&b'])).toBe('/pakketten/vergelijk?pakket=open-zaak&pakket=a%26b');
    expect(routes.concept('laag')).toBe('/begrippen#laag');
    expect(routes.merge('leveranciers')).toBe('/pakketten/samenvoegen?soort=leveranciers');
    expect(routes.merge()).toBe('/pakketten/samenvoegen');
    expect(routes.capacity({ org: ['emmen'], van: '2026-Q1', tot: '2027-Q4' }, 'org-emmen')).toBe(
      '/transitie/capaciteit?org=emmen&van=2026-Q1&tot=2027-Q4#org-emmen',
    );
    expect(routes.transition('signalen')).toBe('/transitie#signalen');
    expect(routes.programme('zaakgericht')).toBe('/transitie/zaakgericht');
    expect(routes.scenario('12')).toBe('/transitie/scenarios/12');
    expect(routes.contentPage('over')).toBe('/over');
    expect(
      routes.view('emmen', 'RC00', { kleur: 'architectuur', groep: 'id-1', met: ['a b', 'c'], grootte: null }),
    ).toBe('/organisaties/emmen/platen/RC00?groep=id-1&met=a%20b&met=c');
    expect(routes.viewDownload('emmen', 'SD03', 'png', { kleur: 'status' })).toBe(
      '/organisaties/emmen/platen/SD03.png?kleur=status',
    );
  });

  it('reaches every page file of site/pages', () => {
    const pages = path.join(projectRoot, 'site', 'pages');
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)],
      );
    // A page file's route pattern: [param] matches one segment, index is its folder.
    const patterns = files(pages).map((file) => {
      const route = `/${path.relative(pages, file)}`.replace(/\.(astro|ts)$/, '').replace(/\/index$/, '') || '/';
      return { route, pattern: new RegExp(`^${route.replace(/\[[^\]]+\]/g, '[^/]+').replace(/\./g, '\\.')}$`) };
    });
    const built = [
      routes.home(),
      routes.contentPage('over'),
      routes.graphql(),
      routes.search(),
      routes.compare(),
      routes.compareArchimate([]),
      routes.statistics(),
      routes.signIn(),
      routes.secondStep(),
      routes.singleSignOn(),
      routes.singleSignOnLink(),
      routes.singleSignOnReturn(),
      routes.signOut(),
      routes.noAccess(),
      routes.passwordForgotten(),
      routes.passwordReset(),
      routes.invitation(),
      routes.account(),
      routes.accountPassword(),
      routes.accountSecondFactor(),
      routes.identityProviders(),
      routes.organisation('o'),
      routes.usages('o'),
      routes.views('o'),
      routes.view('o', 'RC00'),
      routes.viewDownload('o', 'RC00', 'svg'),
      routes.viewDownload('o', 'RC00', 'png'),
      ...(['archimate.xml', 'gebruik.csv', 'gebruik.xlsx', 'koppelingen.csv', 'landschap.yaml'] as const).map((file) =>
        routes.landscapeDownload('o', file),
      ),
      routes.changes('o'),
      routes.vvt('o'),
      routes.vvtLine('o', '5.01.01'),
      routes.evidence('o'),
      routes.evidenceEdit('o', 'k'),
      routes.vvtDownload('o', 'csv'),
      routes.vvtDownload('o', 'xlsx'),
      routes.vvtImport('o'),
      routes.vvtShare('o'),
      routes.vvtCompare({ organisatie: ['a', 'b'], verschillen: 'ja' }),
      routes.processingRegister('o'),
      routes.processingActivity('o', 'a1'),
      routes.processingPrint('o'),
      routes.processingDownload('o', 'verwerkingen.csv'),
      routes.processingDownload('o', 'verwerkingen.xlsx'),
      routes.attestation('o'),
      routes.difference('o'),
      routes.landscapeImport('o'),
      routes.organisationSignIn('o'),
      routes.proposals('o'),
      routes.algorithms('o'),
      routes.ensia('o'),
      routes.securityDashboard('o'),
      routes.securityOverview(),
      routes.algorithmsOverview(),
      routes.ensiaOverview(),
      routes.newUsage('o'),
      routes.usage('o', 'k'),
      routes.interfaces('o'),
      routes.interface('o', 'k'),
      routes.products(),
      routes.product('p'),
      routes.evidenceDownload('p', 'k'),
      routes.compareProducts(),
      routes.suppliers(),
      routes.standards(),
      routes.externalServices(),
      routes.productImport(),
      routes.merge(),
      routes.referenceComponents(),
      routes.referenceComponentsImport(),
      routes.gemmaArchimate(),
      routes.bio2Import(),
      routes.transition(),
      routes.programme('p'),
      routes.capacity(),
      routes.scenarios(),
      routes.scenario('1'),
    ].map((href) => href.replace(/[?#].*$/, ''));
    const unreached = patterns.filter(
      ({ route, pattern }) => route !== '/404' && !built.some((href) => pattern.test(href)),
    );
    expect(unreached.map((p) => p.route)).toEqual([]);
    // And no route points past the pages: each built path has a page file (the most specific one that matches).
    expect(built.filter((href) => !patterns.some(({ pattern }) => pattern.test(href)))).toEqual([]);
  });
});
