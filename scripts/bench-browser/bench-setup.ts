/** What every scenario of `npm run bench:browser` gets, and what it gives back. */
import type { BrowserContext } from 'playwright-core';
import type { ExtensionBrowser } from '../../test/support/chromium';
import type { FixtureServer } from '../../test/support/fixture-server';
import type { TargetResult } from './targets';

export interface BenchSetup {
  server: FixtureServer;
  /** Chromium with our extension (`dist/chrome`). */
  ext: ExtensionBrowser;
  /** Chromium with the floor extension (`floor-extension.ts`). */
  floor: BrowserContext;
  /** Chromium with the messaging floor (one message per frame, answered: `floor-extension.ts`). */
  messagingFloor: BrowserContext;
  /** Chromium without any extension. */
  none: BrowserContext;
  /** URL prefix of our content scripts (`chrome-extension://ID/src/content/`). */
  extPrefix: string;
  /** URL prefix of the floor's content script. */
  floorPrefix: string;
  /** Runs per scenario (`BENCH_RUNS`, default 5). */
  runs: number;
  /** Runs for heavy pages and browser launches: min(runs, 3). */
  fewRuns: number;
}

export interface ScenarioResult {
  /** Rows of the scenario table (see `page-cost-row.ts` for the traced pages). */
  rows: string[][];
  targets: TargetResult[];
  /** Lines printed under the tables. */
  notes: string[];
}
