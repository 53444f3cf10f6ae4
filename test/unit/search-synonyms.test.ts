// The other names of reference components point at components GEMMA has, and say something the name does not.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { COMPONENT_SYNONYMS } from '#core/search-synonyms.ts';

const components = parse(
  readFileSync(path.join(import.meta.dirname, '..', '..', 'content', 'gemma', 'referentiecomponenten.csv')),
  {
    columns: true,
  },
) as { id: string; naam: string; gemma_status: string }[];
const nameOf = new Map(components.map((c) => [c.id, c.naam]));
const source = readFileSync(path.join(import.meta.dirname, '..', '..', 'content', 'search-synonyms.json5'), 'utf8');

describe('other names of reference components', () => {
  it('are keyed by GEMMA object ids of the GEMMA extract, each commented with that component’s name', () => {
    const entries = Object.entries(COMPONENT_SYNONYMS);
    expect(entries.length).toBeGreaterThan(20);
    for (const [id] of entries) {
      expect(nameOf.has(id), id).toBe(true);
      expect(source).toContain(`  // ${nameOf.get(id)}\n  '${id}'`);
    }
  });

  it('are not empty, not repeated and not the component’s own name', () => {
    for (const [id, names] of Object.entries(COMPONENT_SYNONYMS)) {
      const own = (nameOf.get(id) ?? '').toLowerCase();
      expect(names.length).toBeGreaterThan(0);
      expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
      for (const name of names) {
        expect(name.trim()).toBe(name);
        expect(name).not.toBe('');
        expect(name.toLowerCase()).not.toBe(own);
      }
    }
  });

  it('give "zaaksysteem" to both GEMMA components people mean by it', () => {
    const holders = Object.entries(COMPONENT_SYNONYMS)
      .filter(([, names]) => names.includes('zaaksysteem'))
      .map(([id]) => nameOf.get(id));
    expect(holders.sort()).toEqual(['Generiek zaakafhandelcomponent', 'Zaakregistratiecomponent']);
  });
});
