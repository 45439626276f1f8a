'use strict';
// An express endpoint that asks a chat completion of the `openai` client for every request, as an LLM
// feature of a service would. OPENAI_BASE_URL points at the demo's fake server on 127.0.0.1.
const express = require('express');
const { OpenAI } = require('openai');

const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY, baseURL: process.env.OPENAI_BASE_URL, maxRetries: 0 });
const app = express();
app.disable('x-powered-by');

app.get('/chat', async (req, res, next) => {
  try {
    const question = typeof req.query.q === 'string' ? req.query.q : 'Say hello.';
    const completion = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: question },
      ],
      temperature: 0,
    });
    res.json({ answer: completion.choices[0]?.message?.content ?? '', tokens: completion.usage?.total_tokens ?? 0 });
  } catch (err) {
    next(err);
  }
});

app.listen(Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');
