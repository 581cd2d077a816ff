/**
 * Styles of the in-page banner and confirm dialog (inside the closed shadow root; the host's
 * own styles are the `:host` rule in `isolated-host.ts`). Colours meet WCAG 2.2 AA contrast
 * (4.5:1 for text; measured ratios in comments); sizes are in em so the banner scales with
 * page zoom.
 *
 * The banner is compact: a bar with the source, the title, the agency's hotline, "Details"
 * and "Dismiss", and the agency's promise on at most two lines. That is 2–3 lines at 1280
 * CSS px and about a quarter of the viewport at 200% zoom, instead of up to 45% of it
 * before issue 11. "Details" opens the reasons, every action and 18222, scrolling inside
 * the banner (at most 60% of the viewport). The banner controller moves it to the bottom
 * when it would cover a marked link.
 */
export const BANNER_CSS = `
.banner{box-sizing:border-box;font:15px/1.4 system-ui,-apple-system,"Segoe UI","Noto Sans CJK TC","Microsoft JhengHei","PingFang HK",sans-serif;
  margin:0;padding:.4em .75em .45em;max-height:60vh;overflow:auto;border:0 solid;box-shadow:0 2px 10px rgba(0,0,0,.35);
  text-align:start;letter-spacing:normal;word-break:normal;overflow-wrap:anywhere}
.banner.top{border-bottom-width:3px}
.banner.bottom{border-top-width:3px;box-shadow:0 -2px 10px rgba(0,0,0,.35)}
.banner *{box-sizing:border-box;font:inherit;color:inherit;margin:0;padding:0}
/* danger: white on #8b0000, 10.0:1 */
.danger{background:#8b0000;color:#fff;border-color:#ffcc00}
/* caution: #3b2a00 on #fff1c2, 12.9:1 */
.caution{background:#fff1c2;color:#3b2a00;border-color:#b86e00}
/* info: #0b2a5b on #e7f0ff, 12.6:1 */
.info{background:#e7f0ff;color:#0b2a5b;border-color:#1a5fb4}
.bar{display:flex;flex-wrap:wrap;align-items:center;gap:.2em .8em}
.title{flex:1 1 22em;font-weight:700;min-width:0}
.source{display:inline-block;font-size:.8em;font-weight:600;border:1px solid currentColor;border-radius:3px;padding:0 .35em;margin-inline-end:.5em;vertical-align:.1em}
.hotline{font-weight:700;text-decoration:underline;text-underline-offset:2px;white-space:nowrap}
.fake-phone{font-weight:700}
.controls{display:flex;gap:.5em;margin-inline-start:auto}
.controls button{cursor:pointer;border:2px solid currentColor;border-radius:4px;background:transparent;padding:.05em .55em;font-weight:600;white-space:nowrap}
.promise{margin:.15em 0 0;display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden}
.expanded .promise{display:block}
.details{margin:.35em 0 .1em}
.details[hidden]{display:none}
.reasons{margin:0 0 .35em 1.2em;list-style:disc}
.links{margin:0 0 .3em}
.todo{font-weight:700;margin:.2em 0}
.actions{list-style:none;display:flex;flex-wrap:wrap;gap:.3em .9em}
.actions a,.hotline{font-weight:600}
.actions a{text-decoration:underline;text-underline-offset:2px}
.banner a:focus-visible,.banner button:focus-visible,.dialog button:focus-visible{outline:3px solid currentColor;outline-offset:2px}
.provenance{font-size:.85em;margin:.35em 0 0}
.report{font-size:.85em;margin:.35em 0 0}
.report a{text-decoration:underline;text-underline-offset:2px;font-weight:600}
.backdrop{position:fixed;inset:0;background:rgba(0,0,0,.55);display:flex;align-items:center;justify-content:center;padding:1em;
  font:16px/1.45 system-ui,"Noto Sans CJK TC","Microsoft JhengHei",sans-serif}
/* dialog: #1a1a1a on #fff, 17.4:1; primary button white on #0b57d0, 6.6:1 */
.dialog{background:#fff;color:#1a1a1a;max-width:32em;width:100%;max-height:90vh;overflow:auto;border-radius:8px;padding:1.2em;border-top:6px solid #8b0000}
.dialog h2{font-size:1.2em;font-weight:700;margin:0 0 .4em}
.dialog p{margin:0 0 .8em}
.dialog .buttons{display:flex;flex-wrap:wrap;gap:.6em;justify-content:flex-end}
.dialog button{font:inherit;cursor:pointer;border-radius:4px;padding:.45em .9em;border:2px solid #0b57d0}
.dialog .primary{background:#0b57d0;color:#fff}
.dialog .secondary{background:#fff;color:#0b57d0}
`;

/** Styles of the inline marker after a dangerous link: white on #b00020, 6.6:1. */
export const MARKER_CSS = `
.mark{display:inline-block;margin-inline-start:.3em;padding:0 .35em;border-radius:3px;background:#b00020;color:#fff;
  font:600 .8em/1.5 system-ui,"Noto Sans CJK TC",sans-serif;vertical-align:baseline;white-space:nowrap;cursor:help}
`;
