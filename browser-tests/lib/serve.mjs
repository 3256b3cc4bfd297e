// A tiny static file server for the built site, on 127.0.0.1 only.
//
//   node serve.mjs --root DIR --mount /kiem-dinh/ [--port 0] [--watch PID] [--cleanup DIR]
//
// Serves DIR under the URL path MOUNT: `/kiem-dinh/a/b.css` → DIR/a/b.css, `/kiem-dinh/a/` →
// DIR/a/index.html, a folder without its final `/` → 301 to the same path with `/` (as real
// servers do), anything missing → DIR/404.html with status 404. Files are read at request time,
// so the server may start before the site is built.
//
// Prints one line of JSON, `{"port":N,"pid":N}`, once it listens. With --watch it exits (and
// removes --cleanup) as soon as process PID is gone: the test helper starts it detached, and it
// must not outlive the test run; then it also exits after 30 minutes whatever happens.
//
// It can also be imported: `startServer({ root, mount, port })` resolves to the http.Server.

import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CONTENT_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.pdf': 'application/pdf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.zip': 'application/zip',
  '.doc': 'application/msword',
  '.docx': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  '.xls': 'application/vnd.ms-excel',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

export function contentType(file) {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

function isFile(p) {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function isDir(p) {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/** The request handler: serves `root` under the URL path `mount` (which ends in `/`). */
export function handler(root, mount) {
  root = path.resolve(root);
  const send = (req, res, status, file, headers = {}) => {
    const body = fs.readFileSync(file);
    res.writeHead(status, {
      'content-type': contentType(file),
      'content-length': body.length,
      'cache-control': 'no-store',
      ...headers,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
  const notFound = (req, res) => {
    const page = path.join(root, '404.html');
    if (isFile(page)) return send(req, res, 404, page);
    res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
    res.end(req.method === 'HEAD' ? undefined : 'not found (and the site has no 404.html)\n');
  };
  return (req, res) => {
    try {
      if (req.method !== 'GET' && req.method !== 'HEAD') {
        res.writeHead(405, { allow: 'GET, HEAD' });
        return res.end();
      }
      const url = new URL(req.url, 'http://127.0.0.1');
      let pathname;
      try {
        pathname = decodeURIComponent(url.pathname);
      } catch {
        return notFound(req, res);
      }
      if (pathname === mount.slice(0, -1)) {
        res.writeHead(301, { location: mount + url.search });
        return res.end();
      }
      if (!pathname.startsWith(mount) || pathname.includes('\0')) return notFound(req, res);
      const rel = pathname.slice(mount.length);
      const file = path.resolve(root, '.' + path.posix.sep + rel);
      if (file !== root && !file.startsWith(root + path.sep)) return notFound(req, res);
      if (pathname.endsWith('/')) {
        const index = path.join(file, 'index.html');
        return isFile(index) ? send(req, res, 200, index) : notFound(req, res);
      }
      if (isFile(file)) return send(req, res, 200, file);
      if (isDir(file) && isFile(path.join(file, 'index.html'))) {
        res.writeHead(301, { location: url.pathname + '/' + url.search });
        return res.end();
      }
      return notFound(req, res);
    } catch (err) {
      res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(String(err?.stack ?? err));
    }
  };
}

/** Starts the server on 127.0.0.1; resolves once it listens. */
export function startServer({ root, mount = '/kiem-dinh/', port = 0 }) {
  const server = http.createServer(handler(root, mount));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

async function main(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i += 2) opts[argv[i].replace(/^--/, '')] = argv[i + 1];
  if (!opts.root) throw new Error('usage: serve.mjs --root DIR [--mount /kiem-dinh/] [--port N]');
  const mount = opts.mount ?? '/kiem-dinh/';
  const server = await startServer({ root: opts.root, mount, port: Number(opts.port ?? 0) });
  const stop = () => {
    server.close();
    server.closeAllConnections?.();
    if (opts.cleanup) fs.rmSync(opts.cleanup, { recursive: true, force: true });
    process.exit(0);
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  if (opts.watch) {
    const pid = Number(opts.watch);
    setInterval(() => alive(pid) || stop(), 500);
    setTimeout(stop, 30 * 60 * 1000).unref();
  }
  process.stdout.write(JSON.stringify({ port: server.address().port, pid: process.pid }) + '\n');
  if (!opts.watch) {
    process.stderr.write(`serving ${opts.root} at http://127.0.0.1:${server.address().port}${mount}\n`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main(process.argv.slice(2)).catch((err) => {
    process.stderr.write(`serve.mjs: ${err.stack ?? err}\n`);
    process.exit(1);
  });
}
