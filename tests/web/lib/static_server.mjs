// A small static file server on a free loopback port, for pages a test
// brings with it (fixtures/). It sends the same kind of headers as a page of
// hrtrack must: a Content-Security-Policy that forbids inline script.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
export const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/* Answers a GET under /api/ with what `api` (http://host:port) answers, so fixture pages can call it same-origin. */
async function forward(api, req, res) {
  const reply = await fetch(api + req.url, { headers: { 'Accept-Language': req.headers['accept-language'] || '' } });
  const headers = {};
  for (const name of ['content-type', 'content-disposition', 'content-language']) {
    if (reply.headers.has(name)) headers[name] = reply.headers.get(name);
  }
  res.writeHead(reply.status, headers).end(Buffer.from(await reply.arrayBuffer()));
}

/*
 * Serves the files under `root`; resolves to {base, close()}; base ends
 * without '/'. With `api` (hrtrack's base), GET /api/... is passed on to it.
 */
export async function serveStatic(root, { api } = {}) {
  const server = createServer(async (req, res) => {
    if (api && req.method === 'GET' && req.url.startsWith('/api/')) {
      await forward(api, req, res).catch(() => res.writeHead(502).end());
      return;
    }
    const path = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = normalize(join(root, path.endsWith('/') ? `${path}index.html` : path));
    if (!file.startsWith(root + sep) || req.method !== 'GET') {
      res.writeHead(req.method === 'GET' ? 404 : 405).end();
      return;
    }
    try {
      const body = await readFile(file);
      res.writeHead(200, {
        'Content-Type': TYPES[extname(file)] || 'application/octet-stream',
        'Content-Security-Policy': CSP,
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found');
    }
  });
  await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
  server.keepAliveTimeout = 1000;
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    close: () => new Promise((done) => { server.closeAllConnections(); server.close(done); }),
  };
}
