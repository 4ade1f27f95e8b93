// Slipway example: answers on $PORT with a greeting and the version read from ./VERSION.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const escapeHtml = require('escape-html');

const name = 'node-hello';
const port = Number(process.env.PORT || 5000);
const host = process.env.HOST || '0.0.0.0';
// Read once at start: a new version is a new release, not a file edited under a running one.
const version = fs.readFileSync(path.join(__dirname, 'VERSION'), 'utf8').trim();

const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Hello from ${name}</title></head>
<body>
  <h1>Hello from ${name}</h1>
  <p class="version">Version: ${escapeHtml(version)}</p>
  <p>Node.js ${escapeHtml(process.version)}, pid ${process.pid}</p>
</body>
</html>
`;

const server = http.createServer((req, res) => {
  const url = new URL(req.url, 'http://localhost');
  if (url.pathname === '/healthz') {
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok\n');
  } else if (url.pathname === '/') {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(page);
  } else {
    res.writeHead(404, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end(`<p>Not found: ${escapeHtml(url.pathname)}</p>\n`);
  }
});

server.listen(port, host, () => {
  console.log(`${name} ${version} listening on ${host}:${port}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    console.log(`${name}: ${signal}, closing`);
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  });
}
