/**
 * A static HTTP server on 127.0.0.1 that serves one folder per hostname (virtual hosts by
 * the Host header), so browsers can visit realistic hostnames (www.investhk.gov.hk, a
 * lookalike) without any network: the browser maps every hostname to this server.
 * Records every request, so tests can assert that a blocked page was never requested.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { readFile, stat } from 'node:fs/promises';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import os from 'node:os';
import path from 'node:path';

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
  /** The request came over TLS. */
  secure: boolean;
}

export interface FixtureServerOptions {
  /**
   * Also answer TLS on the same port, with a throwaway self-signed certificate (made with
   * `openssl`): a browser that upgrades `http://host:PORT/` to `https://host:PORT/` (Firefox
   * does for an MV3 extension's own fetches) reaches the same routes. The browser must
   * accept the certificate (Firefox harness: `acceptInsecureCerts`).
   */
  tls?: boolean;
}

/** A throwaway self-signed certificate for `*.test`, `*.top` and the demo hosts. */
function selfSignedCertificate(): { key: Buffer; cert: Buffer } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'asa-fixture-tls-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        key,
        '-out',
        cert,
        '-days',
        '2',
        '-subj',
        '/CN=agency-scam-alert fixture server',
      ],
      { stdio: 'ignore' },
    );
    return { key: readFileSync(key), cert: readFileSync(cert) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
export async function startFixtureServer(root: string, options: FixtureServerOptions = {}): Promise<FixtureServer> {
  const log: RequestLogEntry[] = [];
  const routes: Route[] = [];
  const handler: RequestListener = (req, res) => {
    void (async () => {
      const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
      const url = new URL(req.url ?? '/', `http://${host || 'localhost'}`);
      const secure = 'encrypted' in req.socket && !!req.socket.encrypted;
      log.push({ host, path: url.pathname, method: req.method ?? 'GET', secure });
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
  };
  const server: Server = createServer(handler);
  const tlsServer = options.tls ? createTlsServer(selfSignedCertificate(), handler) : null;
  // One port for both: a TLS connection starts with a handshake record (first byte 0x16).
  const sockets = new Set<Socket>();
  const front = createNetServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (first) => {
      socket.pause();
      socket.unshift(first);
      (tlsServer && first[0] === 0x16 ? tlsServer : server).emit('connection', socket);
      process.nextTick(() => socket.resume());
    });
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const { port } = front.address() as AddressInfo;
  return {
    port,
    log,
    route: (route) => routes.push(route),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        front.close(() => resolve());
      }),
  };
}
