/**
 * A small webmail-like page with one dangerous link (a lookalike of InvestHK's domain, as
 * in `manyLinksPage`), for the time from navigation to the link's marker (`__bench.markTimes[0]`,
 * page time: navigation start is 0).
 */
import { probeScript } from './pages';

/** The dangerous link's address. */
export const WEBMAIL_DANGEROUS_HREF = 'https://investhk-payment99.com/claim';

export function webmailPage(): string {
  const rows = ['Team lunch on Friday', 'Your parcel is on its way', 'Minutes of the board meeting', 'Invoice 2291 paid']
    .map((s, i) => `<li><a href="/mail/${i}">${s}</a></li>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Inbox — Example Mail</title>${probeScript(1)}</head>
<body><header><h1>Example Mail</h1><nav><a href="/inbox">Inbox</a> <a href="/sent">Sent</a></nav></header>
<main><ul>${rows}</ul>
<article><h2>Grant payment pending</h2><p>Dear client, your subsidy is ready. To receive it, confirm your details:
<a href="${WEBMAIL_DANGEROUS_HREF}">Claim your grant</a></p><p>Regards, Investment Promotion</p></article></main></body></html>`;
}
