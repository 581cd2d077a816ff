/**
 * Generated benchmark pages, served by route from the fixture server (`routes.ts`). Each
 * page measures itself from the page's side: a MutationObserver notes when the extension's
 * link markers and banner hosts (elements named `asa-…-mark` / `asa-…-banner`) are inserted
 * (`markTimes`: the page's `performance.now()` of every marker, so navigation start is 0),
 * and a PerformanceObserver records long tasks; the figures are in `window.__bench`.
 */

/** A page script that records when `expected` markers and a banner have appeared. */
export function probeScript(expected: number): string {
  return `<script>
  window.__bench = { markers: 0, markedAt: null, bannerAt: null, expected: ${expected}, longTasks: [], markTimes: [] };
  // Long tasks (over 50 ms) on this page's main thread, extension work included.
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__bench.longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  } catch {}
  new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) {
      if (n.nodeType !== 1) continue;
      const name = n.localName;
      if (/^asa-[a-z0-9]+-mark$/.test(name)) {
        window.__bench.markers++;
        window.__bench.markTimes.push(performance.now());
        if (window.__bench.markers >= window.__bench.expected && window.__bench.markedAt === null) window.__bench.markedAt = performance.now();
      } else if (/^asa-[a-z0-9]+-banner$/.test(name) && window.__bench.bannerAt === null) {
        window.__bench.bannerAt = performance.now();
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
</script>`;
}

const WORDS =
  'market harbour weather tram ferry typhoon festival budget school library museum hiking trail district housing rainfall forecast exhibition concert football'.split(
    ' ',
  );

function words(n: number, seed: number): string {
  let out = '';
  for (let i = 0; i < n; i++) out += `${WORDS[(seed * 7 + i * 13) % WORDS.length]} `;
  return out.trim();
}

/** An ordinary news page of about 2,000 elements, nothing to flag. */
export function ordinaryPage(): string {
  let body = '<header><h1>Example Daily</h1><nav><ul>';
  for (let i = 0; i < 40; i++) body += `<li><a href="/section/${i}">Section ${i}</a></li>`;
  body += '</ul></nav></header><main>';
  // 240 articles × (article, h2, a, p, span, a, img-less figure…) ≈ 2,000 elements
  for (let i = 0; i < 240; i++) {
    body += `<article><h2><a href="/story/${i}">${words(6, i)}</a></h2><p>${words(30, i + 1)} <span>${words(3, i)}</span></p><p><a href="https://source${i % 50}.example.org/ref/${i}">Source</a></p></article>`;
  }
  body += '</main><footer><p>© Example Daily</p></footer>';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example Daily</title>${probeScript(0)}</head><body>${body}</body></html>`;
}

/**
 * A page with `count` links to unrelated hosts and `bad` dangerous ones spread through it
 * (lookalikes of the official InvestHK domain; the last one is the last link on the page).
 */
export function manyLinksPage(count: number, bad: number): string {
  const parts: string[] = [];
  const every = Math.floor(count / bad);
  for (let i = 0; i < count; i++) {
    if (i % every === every - 1 && parts.length < count) {
      parts.push(`<li><a href="https://investhk-payment${i}.com/claim">Claim your grant</a></li>`);
    } else {
      parts.push(`<li><a href="https://site${i % 5000}.example${i % 7}.net/p/${i}">Item ${i}</a></li>`);
    }
  }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Archive</title>${probeScript(bad)}</head><body><h1>Archive</h1><ul>${parts.join('')}</ul></body></html>`;
}
