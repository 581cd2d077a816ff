/** Serves the benchmark's generated pages from the fixture server, by path, on any host. */
import type { FixtureServer } from '../../test/support/fixture-server';
import { growingLinksPage } from './growing-links-page';
import { embedPage, iframeHostPage } from './iframe-pages';
import { manyLinksPage, ordinaryPage } from './pages';
import { webmailPage } from './webmail-page';

/** The page for `url`'s path, or null (the route then falls through to other routes). */
function pageFor(url: URL): string | null {
  const q = url.searchParams;
  switch (url.pathname) {
    case '/ordinary':
      return ordinaryPage();
    case '/links':
      return manyLinksPage(Number(q.get('n')), Number(q.get('bad')));
    case '/growing':
      return growingLinksPage(q.get('kind') === 'unmatchable' ? 'unmatchable' : 'mixed');
    case '/iframes':
      return iframeHostPage(Number(q.get('n') ?? 20));
    case '/embed':
      return embedPage(Number(q.get('i') ?? 0));
    case '/webmail':
      return webmailPage();
    default:
      return null;
  }
}

/** Adds the benchmark pages to `server` (uncached HTML). */
export function serveBenchPages(server: FixtureServer): void {
  server.route((_req, res, url) => {
    const html = pageFor(url);
    if (html === null) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(html);
    return true;
  });
}
