/**
 * A static HTTP server on 127.0.0.1 that serves one folder per hostname (virtual hosts by
 * the Host header), so browsers can visit realistic hostnames (www.investhk.gov.hk, a
 * lookalike) without any network: the browser maps every hostname to this server.
 * Records every request, so tests can assert that a blocked page was never requested.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.png': 'image/png',
  '.sig': 'application/octet-stream',
};

export interface RequestLogEntry {
  host: string;
  path: string;
  method: string;
}

/** A route handled in code rather than from files (feed endpoints in feed tests). */
export type Route = (req: IncomingMessage, res: ServerResponse, url: URL) => boolean | Promise<boolean>;

export interface FixtureServer {
  port: number;
  /** Origin without the port mapping, for `MAP * 127.0.0.1:port` rules. */
  log: RequestLogEntry[];
  /** Adds a code route, tried before files. */
  route(handler: Route): void;
  close(): Promise<void>;
}

/**
 * Starts the server.
 *
 * @param root - folder with one sub-folder per hostname; `/` serves `index.html`, and
 *   `/name` also tries `name.html`.
 */
export async function startFixtureServer(root: string): Promise<FixtureServer> {
  const log: RequestLogEntry[] = [];
  const routes: Route[] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const url = new URL(req.url ?? '/', `http://${host || 'localhost'}`);
      log.push({ host, path: url.pathname, method: req.method ?? 'GET' });
      for (const route of routes) if (await route(req, res, url)) return;
      const base = path.join(root, host);
      const candidates = url.pathname.endsWith('/') ? [`${url.pathname}index.html`] : [url.pathname, `${url.pathname}.html`];
      for (const candidate of candidates) {
        const file = path.join(base, path.normalize(decodeURIComponent(candidate)));
        if (!file.startsWith(base + path.sep)) break;
        try {
          if (!(await stat(file)).isFile()) continue;
          const body = await readFile(file);
          res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' });
          res.end(body);
          return;
        } catch {
          // try the next candidate
        }
      }
      res.writeHead(404, { 'content-type': 'text/html; charset=utf-8' });
      res.end('<!doctype html><title>Not found</title><p>Not found</p>');
    })().catch(() => {
      res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    log,
    route: (handler) => routes.push(handler),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
