// GraphiQL's Dutch framing: a Dutch page with a way back and a plain explanation without JavaScript, and no script of
// its own, so the page's Content-Security-Policy hashes stay those of graphql-yoga's renderer.
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { beforeAll, describe, expect, it } from 'vitest';
import { GRAPHIQL_OPTIONS, renderDutchGraphiQL } from '#graphql/graphiql.ts';
import { inlineScriptHashes } from '#site/server/security-headers.ts';

describe('GraphiQL page', () => {
  let page = '';
  beforeAll(async () => {
    page = await renderDutchGraphiQL();
  });

  it('is Dutch, names itself, links back to the site and explains the API without JavaScript', () => {
    expect(page).toContain('<html lang="nl">');
    expect(page).toContain('<title>Grondplan GraphQL-verkenner</title>');
    expect(page).toMatch(/<header class="gp-graphiql-header">[\s\S]*<a href="\/">Terug naar Grondplan<\/a>/);
    const noscript = page.match(/<noscript>([\s\S]*?)<\/noscript>/)?.[1] ?? '';
    expect(noscript).toContain('werkt alleen met JavaScript aan');
    expect(noscript).toContain('Authorization: Bearer &lt;token&gt;');
    expect(noscript).not.toContain('You need to enable JavaScript');
  });

  it('adds no script: its script hashes are those of the renderer’s own page', () => {
    expect(inlineScriptHashes(page)).toEqual(inlineScriptHashes(renderGraphiQL(GRAPHIQL_OPTIONS)));
    // The example the editor opens on is Dutch.
    expect(page).toContain('Welkom bij de GraphQL-API van Grondplan.');
  });
});
