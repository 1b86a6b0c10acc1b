import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import type { Core } from '../core/core';
import { CSP } from '../security-policy';

export const TOKEN_HEADER = 'x-minka-token';
const MAX_BODY = 32 * 1024 * 1024;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.ico': 'image/x-icon',
};

export interface WebHost {
  url: string;
  port: number;
  token: string;
  server: Server;
  close(): Promise<void>;
}

function isLoopback(addr: string | undefined): boolean {
  return (
    addr === '127.0.0.1' ||
    addr === '::1' ||
    addr === '::ffff:127.0.0.1' ||
    (addr?.startsWith('127.') ?? false)
  );
}

function sameToken(given: string | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(
  res: ServerResponse,
  status: number,
  body: string,
  type = 'text/plain; charset=utf-8',
): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-security-policy': CSP,
    'referrer-policy': 'no-referrer',
  });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Serve the built renderer and POST /api/<channel> on 127.0.0.1 only. Every request must
 * name this host (no DNS rebinding) and come from it; API calls must carry the per-run token.
 */
export async function startWebHost(
  core: Core,
  opts: { port?: number; staticDir: string; token?: string },
): Promise<WebHost> {
  const token = opts.token ?? randomBytes(24).toString('hex');
  const staticDir = resolve(opts.staticDir);
  let port = 0;

  const server = createServer((req, res) => {
    void handle(req, res).catch(() => {
      if (!res.headersSent) send(res, 500, 'internal error');
    });
  });

  function allowedHosts(): Set<string> {
    return new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!isLoopback(req.socket.remoteAddress))
      return send(res, 403, 'forbidden: not from this computer');
    const host = req.headers.host ?? '';
    if (!allowedHosts().has(host)) return send(res, 403, 'forbidden: unknown Host');
    const origin = req.headers.origin;
    if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, '')))
      return send(res, 403, 'forbidden: foreign Origin');
    const url = new URL(req.url ?? '/', `http://${host}`);

    if (url.pathname.startsWith('/api/')) {
      if (!sameToken(req.headers[TOKEN_HEADER] as string | undefined, token))
        return send(res, 403, 'forbidden: missing or wrong token');
      if (req.method !== 'POST') return send(res, 405, 'method not allowed');
      if (!(req.headers['content-type'] ?? '').startsWith('application/json'))
        return send(res, 415, 'application/json expected');
      const channel = decodeURIComponent(url.pathname.slice('/api/'.length));
      const body = await readBody(req);
      if (body === null) return send(res, 413, 'payload too large');
      let input: unknown;
      try {
        input = body.length ? JSON.parse(body) : {};
      } catch {
        const r = {
          ok: false,
          error: {
            code: 'INVALID_INPUT',
            key: 'error.badJson',
            params: {},
            message: 'malformed JSON',
          },
        };
        return send(res, 400, JSON.stringify(r), 'application/json');
      }
      const result = await core.dispatch(channel, input);
      return send(res, 200, JSON.stringify(result), 'application/json');
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'method not allowed');
    let rel = decodeURIComponent(url.pathname);
    if (rel === '/' || !extname(rel)) rel = '/index.html';
    const file = resolve(join(staticDir, rel));
    if (!file.startsWith(staticDir + sep) || !existsSync(file) || !statSync(file).isFile())
      return send(res, 404, 'not found');
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      'content-security-policy': CSP,
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    });
    if (req.method === 'HEAD') return void res.end();
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(opts.port ?? 0, '127.0.0.1', () => ok());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        // Browsers keep idle connections open; don't let them hold the shutdown.
        server.closeAllConnections();
      }),
  };
}
