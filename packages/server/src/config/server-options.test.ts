import { describe, expect, it } from 'vitest';
import { serverOptionsFrom } from './server-options.ts';

const defaults = { examplesDir: '/repo/examples', editorDir: '/repo/editor/dist', cwd: '/work' };

describe('serverOptionsFrom', () => {
  it('reads the environment, and flags win over it', () => {
    const options = serverOptionsFrom(
      {
        PORT: '8080',
        HOST: '0.0.0.0',
        DATABASE_URL: 'postgres://db/weft',
        WEFT_API_TOKEN: 't',
        WEFT_BODY_LIMIT: '2048',
        WEFT_CORS_ORIGINS: 'https://a.example, https://b.example',
        WEFT_WS_ORIGINS: 'https://c.example',
        WEFT_HTTP_ALLOW: '10.0.0.0/8,intranet.local',
        OPENAI_BASE_URL: 'http://127.0.0.1:11434/v1',
        OPENAI_API_KEY: 'k',
        WEFT_LLM_MODEL: 'llama',
        WEFT_DOCUMENTS_DIR: '/docs',
        WEFT_RETENTION_DAYS: '0',
      },
      { port: '9000', db: './other.db', tools: ['a.ts', 'b.js'] },
      defaults,
    );
    expect(options).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      database: './other.db',
      apiToken: 't',
      bodyLimit: 2048,
      corsOrigins: ['https://a.example', 'https://b.example'],
      wsOrigins: ['https://c.example'],
      httpAllow: ['10.0.0.0/8', 'intranet.local'],
      llm: { baseUrl: 'http://127.0.0.1:11434/v1', apiKey: 'k', model: 'llama' },
      documentsRoot: '/docs',
      toolModules: ['a.ts', 'b.js'],
      examplesDir: '/repo/examples',
      retentionDays: 0,
    });
  });

  it('falls back to the defaults: 127.0.0.1:3000, ./data/weft.db, no token, CORS off', () => {
    const options = serverOptionsFrom({}, {}, defaults);
    expect(options).toMatchObject({
      host: '127.0.0.1',
      port: 3000,
      database: './data/weft.db',
      corsOrigins: [],
    });
    expect(options.apiToken).toBeUndefined();
    expect(options.llm).toBeUndefined();
    expect(
      serverOptionsFrom({ WEFT_LLM_BASE_URL: 'http://x/v1', OPENAI_BASE_URL: 'http://y/v1' }, {}, defaults)
        .llm,
    ).toEqual({
      baseUrl: 'http://x/v1',
    });
  });

  it('reads the scale-out settings', () => {
    const options = serverOptionsFrom(
      {
        DATABASE_URL: 'postgres://db/weft',
        WEFT_DATABASE_SCHEMA: 'weft',
        WEFT_DATABASE_POOL_SIZE: '4',
        WEFT_QUEUE_SCHEMA: 'jobs',
        WEFT_LEASE_MS: '2000',
        WEFT_HEARTBEAT_MS: '500',
        WEFT_QUEUE_POLL_MS: '100',
        WEFT_CONCURRENCY: '20',
      },
      { mode: 'worker' },
      defaults,
    );
    expect(options).toMatchObject({
      mode: 'worker',
      databaseSchema: 'weft',
      databasePoolSize: 4,
      queueSchema: 'jobs',
      leaseMs: 2000,
      heartbeatMs: 500,
      queuePollMs: 100,
      concurrency: 20,
    });
  });

  it('names the setting that is malformed', () => {
    expect(() => serverOptionsFrom({ PORT: 'abc' }, {}, defaults)).toThrow('--port / PORT');
    expect(() => serverOptionsFrom({}, { mode: 'cluster' }, defaults)).toThrow('--mode');
    expect(() => serverOptionsFrom({ WEFT_LEASE_MS: '5' }, {}, defaults)).toThrow('WEFT_LEASE_MS');
    expect(() => serverOptionsFrom({ WEFT_BODY_LIMIT: '10' }, {}, defaults)).toThrow('WEFT_BODY_LIMIT');
  });
});
