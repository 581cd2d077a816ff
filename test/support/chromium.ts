/**
 * Launches Debian's Chromium with the built extension through playwright-core, with every
 * hostname mapped to the local fixture server (no request can leave the machine).
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Worker } from 'playwright-core';
import { CHROME_DIST, EXTENSION_ID } from './paths';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The Chromium executable, or null when none is installed. */
export function findChromium(): string | null {
  return CANDIDATES.find((p): p is string => !!p && existsSync(p)) ?? null;
}

/** Message for a machine without Chromium. */
export const CHROMIUM_MISSING =
  'Chromium was not found. Install it with `sudo apt-get install -y chromium` (Debian/Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome binary.';

export interface ExtensionBrowser {
  context: BrowserContext;
  serviceWorker: Worker;
  extensionId: string;
  close(): Promise<void>;
}

export interface LaunchOptions {
  /** Port of the fixture server that every hostname maps to. */
  port: number;
  /** Browser UI language (sets Chromium's --lang and Accept-Language). */
  locale?: string;
  extensionDir?: string;
  /** Extra command-line switches. */
  args?: string[];
}

function localeEnv(locale: string): Record<string, string> {
  const posix = locale.replace('-', '_');
  return { LANGUAGE: posix, LANG: `${posix}.UTF-8`, LC_ALL: `${posix}.UTF-8` };
}

/** Switches every launch uses (no network, no background services); also the benchmarks' own launches. */
export function baseArgs(port: number): string[] {
  return [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--host-resolver-rules=MAP * 127.0.0.1:${port}`,
    // Feeds are https only: accept the fixture server's throwaway certificate (fixture-server.ts).
    '--ignore-certificate-errors',
  ];
}

/**
 * Starts the same Chromium without our extension: the baseline for benchmarks. With
 * `extensionDir`, loads that (other) extension instead, without waiting for a service
 * worker (e.g. an empty content script, to measure what any content script costs).
 *
 * @throws Error with {@link CHROMIUM_MISSING} when Chromium is not installed.
 */
export async function launchPlain(options: {
  port: number;
  extensionDir?: string;
}): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_MISSING);
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'asa-chromium-'));
  const extension = options.extensionDir
    ? [`--disable-extensions-except=${options.extensionDir}`, `--load-extension=${options.extensionDir}`]
    : [];
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    ...(options.extensionDir ? { ignoreDefaultArgs: ['--disable-extensions'] } : {}),
    viewport: { width: 1280, height: 800 },
    args: [...baseArgs(options.port), ...extension],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts Chromium with the extension loaded and waits for its service worker.
 *
 * @throws Error with {@link CHROMIUM_MISSING} when Chromium is not installed.
 */
export async function launchWithExtension(options: LaunchOptions): Promise<ExtensionBrowser> {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(CHROMIUM_MISSING);
  const extensionDir = options.extensionDir ?? CHROME_DIST;
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run \`npm run build\` first.`);
  }
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'asa-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath,
    headless: true,
    // Playwright adds --disable-extensions by default; the extension is what we test.
    ignoreDefaultArgs: ['--disable-extensions'],
    locale: options.locale ?? 'en-US',
    // On Linux, Chromium takes its UI language (what `i18n.getUILanguage()` reports) from
    // the environment; --lang alone does not change it.
    env: { ...process.env, ...localeEnv(options.locale ?? 'en-US') },
    viewport: { width: 1280, height: 800 },
    args: [
      ...baseArgs(options.port),
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
      ...(options.locale ? [`--lang=${options.locale}`] : []),
      ...(options.args ?? []),
    ],
  });
  const serviceWorker =
    context.serviceWorkers().find((w) => w.url().includes(EXTENSION_ID)) ??
    (await context.waitForEvent('serviceworker', { predicate: (w) => w.url().includes(EXTENSION_ID), timeout: 30_000 }));
  return {
    context,
    serviceWorker,
    extensionId: new URL(serviceWorker.url()).host,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
