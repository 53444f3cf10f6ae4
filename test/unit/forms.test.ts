// Reading the revision a form posts back: what the API can take, and the answer to a tampered field.
import { describe, expect, it } from 'vitest';
import { postedRevision, REVISION_ERROR } from '#site/lib/forms.ts';

const formWith = (value?: string) => {
  const form = new FormData();
  if (value !== undefined) form.set('revision', value);
  return form;
};

describe('postedRevision', () => {
  it('reads a revision the API can take', () => {
    expect(postedRevision(formWith('1'))).toBe(1);
    expect(postedRevision(formWith(' 17 '))).toBe(17);
    expect(postedRevision(formWith('2147483647'))).toBe(2147483647);
  });

  it('reads an empty or missing field as null (a line not written before)', () => {
    expect(postedRevision(formWith(''))).toBeNull();
    expect(postedRevision(formWith('  '))).toBeNull();
    expect(postedRevision(formWith())).toBeNull();
  });

  it('refuses what only a tampered form sends', () => {
    for (const value of ['abc', '-1', '0', '007', '1.5', '1e3', '0x10', '2147483648', '99999999999999999999', '١'])
      expect(postedRevision(formWith(value)), value).toBeUndefined();
  });

  it('refuses a file in the field', () => {
    const form = new FormData();
    form.set('revision', new Blob(['3']), 'revisie.txt');
    expect(postedRevision(form)).toBeNull();
  });

  it('reads another field name', () => {
    const form = new FormData();
    form.set('revisie', '4');
    expect(postedRevision(form, 'revisie')).toBe(4);
    expect(postedRevision(form)).toBeNull();
  });

  it('says in Dutch that nothing was changed', () => {
    expect(REVISION_ERROR.field).toBe('formulier');
    expect(REVISION_ERROR.message).toContain('Er is niets gewijzigd');
  });
});
