/**
 * `npm run bench:profile -- /growing?kind=unmatchable` (or any bench page path): where the
 * content script's time goes on one page, from V8's sampling CPU profiler — the functions
 * with the most self time among samples that have a content-script frame on the stack
 * (DOM and native calls are listed under their own names, e.g. `(program)` or `textContent`
 * getters, as V8 reports them). The npm script builds `dist/chrome` unminified first, for
 * readable names (run `npm run build` afterwards for the shipped build). Prints a table; not
 * a test. Used for docs/performance.md. `PROFILE_SETTLE_MS` (default 7000): how long the
 * page runs after load.
 */
import type { CDPSession } from 'playwright-core';
import { CHROMIUM_MISSING, findChromium, launchWithExtension } from '../../test/support/chromium';
import { startFixtureServer } from '../../test/support/fixture-server';
import { serveBenchPages } from './routes';

interface ProfileNode {
  id: number;
  callFrame: { url: string; functionName: string; lineNumber: number };
  children?: number[];
}

async function profileTop(cdp: CDPSession, urlPrefix: string): Promise<Array<[string, number]>> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
  };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parents = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parents.set(c, n.id);
  const ours = (id: number | undefined): boolean => {
    for (let at = id; at !== undefined; at = parents.get(at)) if (byId.get(at)?.callFrame.url.startsWith(urlPrefix)) return true;
    return false;
  };
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (!ours(id)) return;
    const frame = byId.get(id)!.callFrame;
    const name =
      `${frame.functionName || '(anonymous)'} ${frame.url ? `${frame.url.split('/').pop()}:${frame.lineNumber + 1}` : ''}`.trim();
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self].sort((a, b) => b[1] - a[1]);
}

async function main(): Promise<number> {
  if (!findChromium()) {
    console.error(CHROMIUM_MISSING);
    return 1;
  }
  const path = process.argv[2] ?? '/growing?kind=unmatchable';
  const settleMs = Number(process.env.PROFILE_SETTLE_MS ?? 7000);
  const server = await startFixtureServer('/nonexistent');
  serveBenchPages(server);
  const browser = await launchWithExtension({ port: server.port });
  try {
    const warm = await browser.context.newPage();
    await warm.goto('http://warm.example/ordinary');
    await warm.close();
    const page = await browser.context.newPage();
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    await cdp.send('Profiler.start');
    await page.goto(`http://profile.example${path}`, { waitUntil: 'load' });
    await page.waitForTimeout(settleMs);
    const top = await profileTop(cdp, `chrome-extension://${browser.extensionId}/src/content/`);
    // PROFILE_DEBUG=1: also list the extension's elements in the page (was something shown?).
    if (process.env.PROFILE_DEBUG)
      console.log(
        await page.evaluate(() => [...document.querySelectorAll('*')].map((e) => e.localName).filter((n) => n.startsWith('asa-'))),
      );
    const total = top.reduce((n, [, ms]) => n + ms, 0);
    console.log(`content-script samples on ${path}: ${total.toFixed(1)} ms; top self time:`);
    for (const [name, ms] of top.slice(0, 25)) console.log(`${ms.toFixed(2).padStart(8)} ms  ${name}`);
  } finally {
    await browser.close();
    await server.close();
  }
  return 0;
}

process.exitCode = await main();
