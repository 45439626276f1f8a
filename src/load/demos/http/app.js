'use strict';
// A plain Node http server doing a little JSON work per request: parse the query, build a list,
// total it, serialise it.
const http = require('node:http');

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const n = Math.min(100, Number(url.searchParams.get('n') ?? 20) || 20);
  const items = [];
  for (let i = 0; i < n; i++) items.push({ id: i, name: `item-${i}`, price: (i * 7919) % 100 });
  const body = JSON.stringify({ items, total: items.reduce((sum, item) => sum + item.price, 0) });
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
});

server.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');
