'use strict';
// An express app with a router and two middlewares: a request id and a response-time header.
const express = require('express');

const app = express();
app.disable('x-powered-by');

let nextId = 0;
app.use((req, res, next) => {
  req.id = ++nextId;
  res.setHeader('x-request-id', String(req.id));
  next();
});
app.use((req, res, next) => {
  const start = process.hrtime.bigint();
  const end = res.end;
  res.end = function (...args) {
    res.setHeader('x-response-time-us', String(Number(process.hrtime.bigint() - start) / 1000));
    return end.apply(this, args);
  };
  next();
});

const items = express.Router();
items.get('/', (req, res) => {
  const n = Math.min(100, Number(req.query.n ?? 20) || 20);
  const list = [];
  for (let i = 0; i < n; i++) list.push({ id: i, name: `item-${i}`, price: (i * 7919) % 100 });
  res.json({ items: list, total: list.reduce((sum, item) => sum + item.price, 0) });
});
items.get('/:id', (req, res) => {
  const id = Number(req.params.id);
  res.json({ id, name: `item-${id}`, price: (id * 7919) % 100 });
});
app.use('/api/items', items);

app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');
