/**
 * Styles of the in-page banner and confirm dialog (inside the closed shadow root).
 * Colours meet WCAG 2.2 AA contrast (4.5:1 for text; measured ratios in comments);
 * sizes are in rem/em so the banner scales with page zoom, and it scrolls inside itself
 * at 200% zoom instead of covering the whole page.
 */
export const BANNER_CSS = `
.banner{box-sizing:border-box;font:16px/1.45 system-ui,-apple-system,"Segoe UI","Noto Sans CJK TC","Microsoft JhengHei","PingFang HK",sans-serif;
  margin:0;padding:.6em 3.25em .7em 1em;max-height:45vh;overflow:auto;border-bottom:3px solid;box-shadow:0 2px 10px rgba(0,0,0,.35);
  text-align:start;letter-spacing:normal;word-break:normal;overflow-wrap:anywhere;position:relative}
.banner *{box-sizing:border-box;font:inherit;color:inherit;margin:0;padding:0}
/* danger: white on #8b0000, 10.0:1 */
.danger{background:#8b0000;color:#fff;border-color:#ffcc00}
/* caution: #3b2a00 on #fff1c2, 12.9:1 */
.caution{background:#fff1c2;color:#3b2a00;border-color:#b86e00}
/* info: #0b2a5b on #e7f0ff, 12.6:1 */
.info{background:#e7f0ff;color:#0b2a5b;border-color:#1a5fb4}
.source{font-size:.8em;font-weight:600;opacity:1;text-transform:none}
.title{font-size:1.15em;font-weight:700;margin:.15em 0 .3em}
.promise{margin:0 0 .35em}
.reasons{margin:0 0 .35em 1.2em;list-style:disc}
.todo{font-weight:700;margin:.2em 0}
.actions{list-style:none;display:flex;flex-wrap:wrap;gap:.4em .9em}
.provenance{font-size:.85em;margin:.35em 0 0}
.actions a{text-decoration:underline;font-weight:600;text-underline-offset:2px}
.actions a:focus-visible,.dismiss:focus-visible,.dialog button:focus-visible{outline:3px solid currentColor;outline-offset:2px}
.dismiss{position:absolute;top:.5em;inset-inline-end:.6em;cursor:pointer;border:2px solid currentColor;border-radius:4px;background:transparent;
  padding:.15em .55em;font-weight:600}
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
