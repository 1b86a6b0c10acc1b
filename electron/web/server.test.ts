import { request } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { networkInterfaces } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, testCore } from '../../test/helpers/tmp';
import type { Core } from '../core/core';
import { startWebHost, type WebHost } from './server';

function call(
  host: WebHost,
  opts: { path: string; method?: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((ok, fail) => {
    const req = request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: opts.path,
        method: opts.method ?? 'GET',
        headers: opts.headers,
      },
      (res) => {
        let body = '';
        res.on('data', (d: Buffer) => (body += d.toString()));
        res.on('end', () => ok({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', fail);
    if (opts.body !== undefined) req.write(opts.body);
    req.end();
  });
}

describe('web host', () => {
  let host: WebHost;
  let core: Core;
  let cleanup: () => void;
  beforeAll(async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const staticDir = join(t.dir, 'static');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Minka</title>');
    core = testCore(join(t.dir, 'data'));
    host = await startWebHost(core, { staticDir });
  });
  afterAll(async () => {
    await host.close();
    core.closeAll();
    cleanup();
  });

  const api = (headers: Record<string, string>, body = '{}', channel = 'app:info') =>
    call(host, {
      path: `/api/${channel}`,
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });
  const good = () => ({ host: `127.0.0.1:${host.port}`, 'x-minka-token': host.token });

  it('listens on 127.0.0.1 and prints a URL with the token', () => {
    expect(host.url).toMatch(
      new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[0-9a-f]{48}$`),
    );
  });

  it('answers API calls that carry the token', async () => {
    const r = await api(good());
    expect(r.status).toBe(200);
    expect(JSON.parse(r.body)).toMatchObject({ ok: true, value: { host: 'test' } });
  });

  it('refuses calls without the token or with a wrong one', async () => {
    expect((await api({ host: `127.0.0.1:${host.port}` })).status).toBe(403);
    expect((await api({ ...good(), 'x-minka-token': 'f'.repeat(48) })).status).toBe(403);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin', async () => {
    expect((await api({ ...good(), host: `evil.example:${host.port}` })).status).toBe(403);
    expect((await api({ ...good(), origin: 'http://evil.example' })).status).toBe(403);
    expect((await api({ ...good(), origin: `http://localhost:${host.port}` })).status).toBe(200);
    expect((await call(host, { path: '/', headers: { host: 'attacker.test' } })).status).toBe(403);
  });

  it('listens on the loopback address only, and refuses a request arriving from another address', async () => {
    expect((host.server.address() as AddressInfo).address).toBe('127.0.0.1');
    // Reach the server through another interface of this machine, if it has one: refused at connect.
    const lan = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal);
    if (lan) {
      const r = await new Promise<string>((ok) => {
        const req = request(
          { host: lan.address, port: host.port, path: '/api/app:info', method: 'POST' },
          () => ok('answered'),
        );
        req.on('error', (e: NodeJS.ErrnoException) => ok(e.code ?? 'error'));
        req.end();
      });
      expect(r).toBe('ECONNREFUSED');
    }
    // A connection whose peer is not this computer (as a misconfigured proxy or port forward would deliver it).
    const forge = (socket: Socket) =>
      Object.defineProperty(socket, 'remoteAddress', { value: '192.168.1.23' });
    host.server.prependOnceListener('connection', forge);
    try {
      const r = await new Promise<{ status: number; body: string }>((ok, fail) => {
        const req = request(
          {
            host: '127.0.0.1',
            port: host.port,
            path: '/api/app:info',
            method: 'POST',
            agent: false,
            headers: { 'content-type': 'application/json', ...good() },
          },
          (res) => {
            let body = '';
            res.on('data', (d: Buffer) => (body += d.toString()));
            res.on('end', () => ok({ status: res.statusCode ?? 0, body }));
          },
        );
        req.on('error', fail);
        req.end('{}');
      });
      expect(r.status).toBe(403);
      expect(r.body).toContain('not from this computer');
    } finally {
      host.server.removeListener('connection', forge);
    }
    expect((await api(good())).status).toBe(200);
  });

  it('answers bad input with an error envelope, not a crash', async () => {
    const r = await api(good(), '{not json');
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const u = await api(good(), '{}', 'nope:nothing');
    expect(JSON.parse(u.body)).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    expect(
      (await call(host, { path: '/api/app:info', method: 'GET', headers: good() })).status,
    ).toBe(405);
    expect((await api({ ...good(), 'content-type': 'text/plain' })).status).toBe(415);
  });

  it('serves the renderer with the CSP and nothing outside its folder', async () => {
    const r = await call(host, { path: '/', headers: { host: `127.0.0.1:${host.port}` } });
    expect(r.status).toBe(200);
    expect(String(r.headers['content-security-policy'])).toContain("script-src 'self'");
    for (const path of [
      '/../../etc/passwd',
      '/%2e%2e/%2e%2e/etc/passwd',
      '/..%2F..%2Fetc%2Fpasswd',
      '/../../etc/os-release.txt',
    ]) {
      const x = await call(host, { path, headers: { host: `127.0.0.1:${host.port}` } });
      expect(x.body, path).not.toMatch(/root:|PRETTY_NAME/);
      expect([200, 404], path).toContain(x.status);
      if (x.status === 200) expect(x.body).toContain('<title>Minka</title>');
    }
  });
});
