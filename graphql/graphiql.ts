// GraphiQL as the hub serves it: graphql-yoga's page from the package itself (no CDN), framed in Dutch. A header
// names the page and links back to the site, a <noscript> explains in plain Dutch what the page needs and what to do
// without JavaScript, and the editor opens on a Dutch example. No script is added, so the page's script hashes
// (site/server/security-headers.ts) are those of the renderer's own page.
// The renderer is loaded when the page is first asked for: it carries GraphiQL's whole script and style as strings, some
// 30 MB of every server's heap (a heap snapshot under the mixed benchmark) that most servers never send.
import type { renderGraphiQL } from '@graphql-yoga/render-graphiql';

/** GraphiQL's options: fixed, so its page is the same for every request (its script hashes, site/server/security-headers.ts). */
export const GRAPHIQL_OPTIONS = {
  title: 'Grondplan GraphQL-verkenner',
  defaultQuery: [
    '# Welkom bij de GraphQL-API van Grondplan.',
    '#',
    '# Schrijf links een query en voer hem uit met Ctrl+Enter (of de afspeelknop); het antwoord verschijnt rechts.',
    '# De documentatie van elk type en veld staat onder het boekpictogram. Deze verkenner ziet wat jouw account mag',
    '# zien, met dezelfde regels als de site.',
    '',
    '{',
    '  organisations {',
    '    name',
    '    slug',
    '  }',
    '}',
    '',
  ].join('\n'),
} as const;

const FRAME_STYLE = `
  html, body { height: 100%; margin: 0; }
  body { display: flex; flex-direction: column; }
  #root { flex: 1; min-height: 0; }
  .gp-graphiql-header { align-items: baseline; background: #01689b; color: #fff; display: flex; flex-wrap: wrap;
    font-family: system-ui, sans-serif; gap: 0.25rem 1.5rem; padding: 0.5rem 1rem; }
  .gp-graphiql-header h1 { font-size: 1.125rem; margin: 0; }
  .gp-graphiql-header p { margin: 0; }
  .gp-graphiql-header a { color: #fff; }
  .gp-graphiql-noscript { font-family: system-ui, sans-serif; line-height: 1.5; max-width: 40rem; padding: 1rem; }
`;

const HEADER = `<header class="gp-graphiql-header">
        <h1>GraphQL-verkenner van Grondplan</h1>
        <p>Probeer hier vragen aan de API van Grondplan. <a href="/">Terug naar Grondplan</a></p>
      </header>`;

const NOSCRIPT = `<noscript><div class="gp-graphiql-noscript">
        <p>Deze verkenner is een programma in de browser en werkt alleen met JavaScript aan. Zet JavaScript aan om hier
        vragen aan de API te stellen.</p>
        <p>Zonder JavaScript kun je de API gewoon gebruiken vanuit een script of de opdrachtregel: stuur een POST-verzoek
        met JSON (<code>{"query": "{ organisations { name } }"}</code>) naar <code>/graphql</code>, met een API-token in de
        kop <code>Authorization: Bearer &lt;token&gt;</code>. Een token maak je op <a href="/account">je accountpagina</a>.
        Alle gegevens staan ook op de pagina's van de site zelf, die zonder JavaScript werken.</p>
        <p><a href="/">Terug naar Grondplan</a></p>
      </div></noscript>`;

/** graphql-yoga's GraphiQL page with the Dutch framing above; used by Yoga and by the page's policy alike. */
export async function renderDutchGraphiQL(
  options: Parameters<typeof renderGraphiQL>[0] = GRAPHIQL_OPTIONS,
): Promise<string> {
  const page = (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(options);
  const framed = page
    .replace('<html lang="en">', '<html lang="nl">')
    .replace('</head>', `<style>${FRAME_STYLE}</style>\n    </head>`)
    .replace(/<noscript>[\s\S]*?<\/noscript>/, `${HEADER}\n      ${NOSCRIPT}`);
  if (framed === page || !framed.includes('lang="nl"') || !framed.includes('gp-graphiql-noscript'))
    throw new Error('GraphiQL page changed shape: the Dutch framing could not be placed (graphql/graphiql.ts).');
  return framed;
}
