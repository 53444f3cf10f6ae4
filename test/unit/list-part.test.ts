import { describe, expect, it } from 'vitest';
import { pageAsked } from '#site/lib/list-part.ts';

const at = (query: string) => pageAsked(new URL(`http://hub.test/organisaties/emmen${query}`));
const cursor = (text: string) => Buffer.from(text).toString('base64');

describe('the page a list address asks for', () => {
  it('takes a cursor the API handed out, with the position of its first item', () => {
    expect(at(`?vanaf=${encodeURIComponent(cursor('GPC:S:cmx2abc123'))}&nummer=501`)).toEqual({
      after: cursor('GPC:S:cmx2abc123'),
      firstShown: 501,
    });
  });

  it('reads anything else as the first page instead of failing: garbage, another kind of cursor, a huge position', () => {
    expect(at('?vanaf=garbage&nummer=501')).toEqual({ after: null, firstShown: 1 });
    expect(at(`?vanaf=${encodeURIComponent(cursor('GPC:N:-5'))}&nummer=3`)).toEqual({ after: null, firstShown: 1 });
    expect(at(`?vanaf=${encodeURIComponent(cursor('GPC:S:x'))}&nummer=99999999999999999999`).firstShown).toBe(
      10_000_000,
    );
    expect(at(`?vanaf=${encodeURIComponent(cursor('GPC:S:x'))}&nummer=-4`).firstShown).toBe(1);
  });
});
