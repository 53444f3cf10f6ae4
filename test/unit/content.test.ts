import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '#prisma/database.ts';
import { ContentError, loadContent } from '#prisma/seed/load.ts';

function contentCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'grondplan-content-'));
  cpSync(path.join(projectRoot, 'content'), dir, { recursive: true });
  return dir;
}

describe('content/', () => {
  it('holds the whole GEMMA extract, the five organisations and sample landscapes of 60 to 150 usages', () => {
    const content = loadContent();
    expect(content.gemma.components).toHaveLength(171);
    expect(content.gemma.standards).toHaveLength(200);
    expect(content.gemma.componentStandards).toHaveLength(746);
    expect(content.gemma.flows).toHaveLength(60);
    expect(content.gemma.externalServices).toHaveLength(56);
    expect(content.gemma.views.views.map((v) => v.code)).toHaveLength(17);
    expect(content.gemma.views.nodes).toHaveLength(2842);
    expect(content.organisations.map((o) => o.slug).sort()).toEqual([
      'boce',
      'borger-odoorn',
      'coevorden',
      'dimpact',
      'emmen',
    ]);
    for (const slug of ['borger-odoorn', 'coevorden', 'emmen', 'dimpact']) {
      const landscape = content.landscapes.find((l) => l.organisation === slug);
      expect(landscape?.sample, slug).toBe(true);
      expect(landscape?.usages.length, slug).toBeGreaterThanOrEqual(60);
      expect(landscape?.usages.length, slug).toBeLessThanOrEqual(150);
      expect(landscape?.interfaces.length, slug).toBeGreaterThan(20);
    }
    const podiumD = [
      'open-zaak',
      'open-notificaties',
      'objecten',
      'open-klant',
      'open-formulieren',
      'open-inwoner',
      'open-archiefbeheer',
      'zac',
      'zaakbrug',
      'kiss',
    ];
    for (const slug of podiumD) expect(content.products.find((p) => p.slug === slug)?.architecture, slug).toBeDefined();
  });

  it('keeps the GEMMA attribution beside the data', () => {
    expect(readFileSync(path.join(projectRoot, 'content', 'gemma', 'README.md'), 'utf8')).toMatch(/EUPL/);
  });

  it('names every problem with its file and reference, and refuses the whole load', () => {
    const dir = contentCopy();
    const products = path.join(dir, 'products.yaml');
    writeFileSync(
      products,
      readFileSync(products, 'utf8')
        .replace('- Zaakregistratiecomponent', '- Zaakregistratiecomponentt')
        .replace('architecture: LEGACY', 'architecture: MODERN'),
    );
    const landscape = path.join(dir, 'landscapes', 'emmen.yaml');
    writeFileSync(
      landscape,
      readFileSync(landscape, 'utf8').replace('product: microsoft-365', 'product: does-not-exist'),
    );
    let error: unknown;
    try {
      loadContent(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ContentError);
    const problems = (error as ContentError).problems;
    expect(problems).toContainEqual(
      expect.stringMatching(/products\.yaml.*unknown reference component "Zaakregistratiecomponentt"/),
    );
    expect(problems).toContainEqual(expect.stringMatching(/products\.yaml \[\d+\] architecture/));
    expect(problems).toContainEqual(expect.stringMatching(/\(emmen\) microsoft-365: unknown product "does-not-exist"/));
  });

  it('refuses a GEMMA group that is a fragment of a folder name, as "Aangepast)" was', () => {
    const content = loadContent();
    expect(content.gemma.components.find((c) => c.naam === 'BRO-beheercomponent')?.groep).toBe(
      'Referentiecomponenten domeinen',
    );
    const dir = contentCopy();
    const components = path.join(dir, 'gemma', 'referentiecomponenten.csv');
    writeFileSync(
      components,
      readFileSync(components, 'utf8').replace(
        'BRO-beheercomponent,In gebruik,Referentiecomponenten domeinen,',
        'BRO-beheercomponent,In gebruik,Aangepast),',
      ),
    );
    expect(() => loadContent(dir)).toThrow(/geen hele GEMMA-groepsnaam/);
  });

  it('refuses a koppeling that points at itself', () => {
    const dir = contentCopy();
    const landscape = path.join(dir, 'landscapes', 'emmen.yaml');
    const text = readFileSync(landscape, 'utf8');
    const match = /- key: (\S+)\n(\s+)from: (\S+)\n\s+usage: (\S+)/.exec(text);
    expect(match).not.toBeNull();
    const [whole = '', key, indent, from] = match ?? [];
    writeFileSync(landscape, text.replace(whole, `- key: ${key}\n${indent}from: ${from}\n${indent}usage: ${from}`));
    expect(() => loadContent(dir)).toThrow(/niet naar zichzelf/);
  });
});
