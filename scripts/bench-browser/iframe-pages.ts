/**
 * A page with third-party iframes (ads, embeds): the ordinary news page (`ordinaryPage`)
 * with `count` iframes, each from a different registrable domain, so Chromium's site
 * isolation runs each in its own renderer process (out-of-process iframes). Each iframe
 * serves a small ad- or embed-like page: a few links, a script that fills in a text and
 * sets a timer, as ad and embed snippets do.
 */
import { ordinaryPage } from './pages';

/** The host of iframe `i` (a distinct registrable domain per iframe). */
export function embedHost(i: number): string {
  const kinds = ['ads', 'video', 'social', 'maps', 'comments'];
  return `${kinds[i % kinds.length]}.partner${i}-embed.net`;
}

/** The ordinary page with `count` third-party iframes placed through it. */
export function iframeHostPage(count: number): string {
  const page = ordinaryPage();
  let frames = '';
  for (let i = 0; i < count; i++) {
    frames += `<iframe src="http://${embedHost(i)}/embed?i=${i}" width="300" height="120" title="Partner content ${i}" loading="eager"></iframe>`;
  }
  return page.replace('<main>', `<main><aside>${frames}</aside>`);
}

/** A small embed page: a few links and a script. */
export function embedPage(i: number): string {
  let links = '';
  for (let k = 0; k < 6; k++)
    links += `<li><a href="https://shop${(i * 6 + k) % 40}.example.com/offer/${k}" target="_blank">Offer ${k}</a></li>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partner ${i}</title>
<style>body{font:13px sans-serif;margin:4px}ul{margin:0;padding-left:16px}</style></head>
<body><div id="slot">Sponsored</div><ul>${links}</ul>
<script>
  document.getElementById('slot').textContent = 'Sponsored by partner ${i}';
  let ticks = 0;
  const t = setInterval(() => { if (++ticks > 5) clearInterval(t); document.getElementById('slot').dataset.tick = String(ticks); }, 200);
</script></body></html>`;
}
