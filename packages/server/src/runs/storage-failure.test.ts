import { afterEach, describe, expect, it } from 'vitest';
import { openStore } from '../storage/open-store.ts';
import type { RunRepository, Store } from '../storage/store.ts';
import { createTestApp, expectError, type TestApp, threeNodeGraph } from '../testing/test-app.ts';

/** A store whose commits fail while `broken` is set. */
async function flakyStore() {
  const store = await openStore({ database: ':memory:' });
  const state = { broken: false };
  const runs = new Proxy(store.runs, {
    get(target, key) {
      if (key === 'commit')
        return (batch: Parameters<RunRepository['commit']>[0]) =>
          state.broken ? Promise.reject(new Error('disk I/O error')) : target.commit(batch);
      const value = Reflect.get(target, key);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
  return { store: { ...store, runs, ping: store.ping, close: store.close } as Store, state };
}

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
});

describe('when the database refuses writes', () => {
  it('answers 503 instead of reporting a run it could not store, and recovers once writes work again', async () => {
    const { store, state } = await flakyStore();
    t = await createTestApp({ store });
    await t.call('POST', '/api/graphs', threeNodeGraph());
    state.broken = true;
    expectError(await t.call('POST', '/api/graphs/three/runs', { wait: true }), 503, 'DATABASE_UNAVAILABLE');
    expectError(await t.call('POST', '/api/graphs/three/runs', {}), 503, 'DATABASE_UNAVAILABLE');
    state.broken = false;
    const ok = await t.call('POST', '/api/graphs/three/runs', { wait: true });
    expect(ok.body.run.status).toBe('completed');
  });
});
