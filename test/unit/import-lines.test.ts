import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, planLine } from '#scripts/import-lines.ts';

describe('npm run import output', () => {
  it('never runs a label into its text: the longest label too is followed by a space', () => {
    expect(planLine('UNCHANGED', 'pakket Open Zaak (open-zaak)')).toBe('ongewijzigd  pakket Open Zaak (open-zaak)');
    expect(planLine('ADD', 'regel 2: zaken (Open Zaak)')).toBe('toevoegen    regel 2: zaken (Open Zaak)');
    expect(planLine('CHANGE', 'koppeling a-b')).toBe('wijzigen     koppeling a-b');
    expect(planLine('REFUSED', 'regel 3: Pakket is leeg.')).toBe('geweigerd    regel 3: Pakket is leeg.');
    expect(planLine('WARNING', 'versie 0.1')).toBe('waarschuwing versie 0.1');
  });

  it('starts every line’s text in the same column', () => {
    const starts = (Object.keys(ACTION_LABELS) as (keyof typeof ACTION_LABELS)[]).map((a) =>
      planLine(a, 'X').indexOf('X'),
    );
    expect(new Set(starts)).toEqual(new Set([13]));
  });
});
