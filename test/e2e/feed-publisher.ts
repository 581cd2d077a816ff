/**
 * A static feed host for the feed end-to-end tests, on the fixture server: serves the
 * currently published feed and its `.sig` with a strong ETag and answers If-None-Match with
 * 304, like a CDN; counts the bytes each response put on the wire. Also serves a lookalike
 * payment page for any host ending in `.secure-pay.top`, and runs the admin CLI.
 */
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FixtureServer } from '../support/fixture-server';
import { ROOT } from '../support/paths';

export interface FeedResponseLog {
  path: string;
  status: number;
  /** Bytes of the whole response on the wire (status line, headers, body). */
  wireBytes: number;
  bodyBytes: number;
  /** Served over TLS (Firefox upgrades the extension's http:// fetches). */
  secure: boolean;
  at: number;
}

export interface FeedHost {
  /** Publishes a feed body and signature (raw bytes, as files on a static host). */
  publish(body: string | Buffer, signature: string | Buffer | null, contentType?: string): void;
  responses: FeedResponseLog[];
}

/** Serves `/feed.json` and `/feed.json.sig` on `host` from what was last published. */
export function feedHost(server: FixtureServer, host: string): FeedHost {
  let body = Buffer.alloc(0);
  let sig: Buffer | null = null;
  let type = 'application/json';
  const responses: FeedResponseLog[] = [];
  server.route((req, res, url) => {
    if (url.hostname !== host || !url.pathname.startsWith('/feed.json')) return false;
    const isSig = url.pathname === '/feed.json.sig';
    const content = isSig ? sig : body;
    const socket = res.socket;
    const before = socket?.bytesWritten ?? 0;
    res.on('finish', () => {
      responses.push({
        path: url.pathname,
        status: res.statusCode,
        wireBytes: (socket?.bytesWritten ?? 0) - before,
        bodyBytes: res.statusCode === 200 && content ? content.length : 0,
        secure: 'encrypted' in req.socket && !!req.socket.encrypted,
        at: Date.now(),
      });
    });
    if (!content) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return true;
    }
    const etag = `"${createHash('sha256').update(content).digest('hex').slice(0, 32)}"`;
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, { etag, 'cache-control': 'no-cache' });
      res.end();
      return true;
    }
    res.writeHead(200, {
      'content-type': isSig ? 'application/json' : type,
      etag,
      'cache-control': 'no-cache',
      'content-length': content.length,
    });
    res.end(content);
    return true;
  });
  return {
    responses,
    publish(newBody, newSig, contentType = 'application/json') {
      body = Buffer.from(newBody);
      sig = newSig === null ? null : Buffer.from(newSig);
      type = contentType;
    },
  };
}

/**
 * Serves a fake "pay your fee" page on every host ending in `-pay.top`, `-renewal.top` or
 * `.secure-pay.top` (lookalikes of the made-up agencies' official domains).
 */
export function lookalikePages(server: FixtureServer): void {
  server.route((_req, res, url) => {
    if (!/(-pay|-renewal|\.secure-pay)\.top$/.test(url.hostname)) return false;
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Pay your licence fee</title></head>` +
        `<body><h1>Licence renewal</h1><p>Your licence expires today. Pay the HK$38 fee now to avoid a penalty.</p>` +
        `<form><label>Card number <input name="card" autocomplete="cc-number"></label><button>Pay</button></form></body></html>`,
    );
    return true;
  });
}

const run = promisify(execFile);

/** Runs `scam-alert ARGS` (the real CLI binary) and returns stdout; throws with stderr on a non-zero exit. */
export async function cli(...args: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [path.join(ROOT, 'bin/scam-alert.js'), ...args], { cwd: ROOT });
  return stdout;
}
