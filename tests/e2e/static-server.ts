import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

export interface StaticServer {
  /** `http://127.0.0.1:port/prefix/` */
  url: string;
  close: () => Promise<void>;
}

/**
 * A plain static file server for a copy of dist/ (what a web server or CDN does: files, no rewriting), on a free
 * loopback port, under `prefix` (e.g. `/zonemap/`). Every response says `no-store` so what the test put on disk
 * is what the browser gets.
 */
export async function serveStatic(
  root: string,
  prefix = '/',
  {
    hold = () => undefined,
  }: {
    /**
     * Holds a file's answer back (a slow download) until the promise it returns settles, by its path under
     * `prefix`; `undefined` answers at once. A gate the test opens, not a fixed delay: a slow machine's page may
     * take longer than any delay to reach the step the test wants to see first.
     */
    hold?: (rel: string) => Promise<unknown> | undefined;
  } = {},
): Promise<StaticServer> {
  const base = path.resolve(root);
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (!url.pathname.startsWith(prefix)) {
      res.writeHead(404).end();
      return;
    }
    let rel = decodeURIComponent(url.pathname.slice(prefix.length));
    if (rel === '' || rel.endsWith('/')) rel += 'index.html';
    const file = path.join(base, rel);
    if (!file.startsWith(base + path.sep)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (!(await stat(file)).isFile()) throw new Error('not a file');
      const body = await readFile(file);
      const gate = hold(rel);
      if (gate) await gate;
      res.writeHead(200, {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404).end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
