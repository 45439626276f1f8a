'use strict';
// A local stand-in for the OpenAI API: every POST /v1/chat/completions gets the same completion, at
// once. It runs in a process of its own (as the real API would be elsewhere), so its work is not the
// app's; it reads the request only to its end.
const http = require('node:http');

const COMPLETION = JSON.stringify({
  id: 'chatcmpl-otel-audit-demo',
  object: 'chat.completion',
  created: 1700000000,
  model: 'gpt-4o-mini-2024-07-18',
  choices: [{ index: 0, message: { role: 'assistant', content: 'Hello! How can I help?', refusal: null }, logprobs: null, finish_reason: 'stop' }],
  usage: { prompt_tokens: 12, completion_tokens: 7, total_tokens: 19 },
  system_fingerprint: 'fp_otel_audit_demo',
});
const HEADERS = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(COMPLETION), 'x-request-id': 'req_otel_audit_demo' };

const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    if (req.method !== 'POST' || !req.url.endsWith('/chat/completions')) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end('{"error":{"message":"not found"}}');
      return;
    }
    res.writeHead(200, HEADERS);
    res.end(COMPLETION);
  });
});
server.keepAliveTimeout = 60000;

server.listen(Number(process.env.PORT ?? 3001), process.env.HOST ?? '127.0.0.1');
