/**
 * A webmail-like page that keeps adding links, as issue 15 describes: 50 links every
 * 100 ms for 5 s (2,500 links), like an inbox with infinite scroll.
 *
 * Two kinds:
 * - `mixed`: ordinary made-up mail hosts, and one dangerous lookalike of InvestHK's domain
 *   (`investhk.gov.hk.verify-N.top`) in every 500 links (5 in all);
 * - `unmatchable`: every link goes to a real, popular host that no agency's feed entry,
 *   official domain or brand token can match (news sites, code hosting, shops, search,
 *   encyclopedias; many different registrable domains), with ordinary link texts. A
 *   content script with a local prefilter should send nothing for these.
 */
import { probeScript } from './pages';

/** Real popular hosts (names only; no request leaves the machine, every host maps to the fixture server). */
export const UNMATCHABLE_HOSTS = [
  'www.bbc.co.uk',
  'github.com',
  'en.wikipedia.org',
  'www.youtube.com',
  'www.nytimes.com',
  'stackoverflow.com',
  'www.amazon.com',
  'www.reddit.com',
  'news.ycombinator.com',
  'www.theguardian.com',
  'developer.mozilla.org',
  'www.scmp.com',
  'www.rthk.hk',
  'www.linkedin.com',
  'medium.com',
  'www.imdb.com',
  'www.ebay.com',
  'docs.python.org',
  'www.npmjs.com',
  'www.apple.com',
  'www.microsoft.com',
  'www.cnn.com',
  'www.reuters.com',
  'www.booking.com',
  'www.tripadvisor.com',
  'www.instagram.com',
  'www.spotify.com',
  'www.netflix.com',
  'www.zhihu.com',
  'www.bilibili.com',
  'weibo.com',
  'www.taobao.com',
  'www.yahoo.co.jp',
  'www.lihkg.com',
  'hk.appledaily.example.org',
  'www.openrice.com',
  'www.hktvmall.com',
  'www.mtr.com.hk',
  'www.cathaypacific.com',
  'www.hsbc.com.hk',
];

export type GrowingKind = 'mixed' | 'unmatchable';

/** Links added in all: 50 per batch, one batch per 100 ms, for 5 s. */
export const GROWING_LINKS = 2500;

/** The page; `window.__bench.appendDone` is the page time of the last batch. */
export function growingLinksPage(kind: GrowingKind): string {
  const hosts = kind === 'unmatchable' ? UNMATCHABLE_HOSTS : [];
  const dangerous = kind === 'mixed' ? GROWING_LINKS / 500 : 0;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Mail</title>${probeScript(dangerous)}</head><body>
<h1>Inbox</h1><ul id="list"></ul>
<script>
  const HOSTS = ${JSON.stringify(hosts)};
  let batch = 0;
  const list = document.getElementById('list');
  window.__bench.appendDone = false;
  // Only the mixed page's script names the dangerous host: a page's inline script is part of
  // its text (textContent), and the unmatchable page must name no agency anywhere.
  function href(n) {
    ${
      kind === 'unmatchable'
        ? "return 'https://' + HOSTS[n % HOSTS.length] + '/' + ['news', 'item', 'watch', 'questions', 'p'][n % 5] + '/' + (n * 7919 % 100000);"
        : "return n % 500 === 250 ? 'https://investhk.gov.hk.verify-' + n + '.top/pay' : 'https://mail' + (n % 900) + '.example.com/m/' + n;"
    }
  }
  const timer = setInterval(() => {
    const frag = document.createDocumentFragment();
    for (let i = 0; i < 50; i++) {
      const n = batch * 50 + i;
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = href(n);
      a.textContent = 'Message ' + n;
      li.append(a, ' — ' + ['hello', 'meeting notes', 'invoice', 'newsletter'][n % 4]);
      frag.append(li);
    }
    list.append(frag);
    if (++batch >= ${GROWING_LINKS / 50}) { clearInterval(timer); window.__bench.appendDone = performance.now(); }
  }, 100);
</script></body></html>`;
}
