import { describe, expect, it } from 'vitest';
import { compactEventJson, expandEventJson } from './event-envelope.ts';

describe('stored event JSON', () => {
  it('leaves out a trailing envelope and puts it back exactly', () => {
    const json = JSON.stringify({
      type: 'node.completed',
      nodeId: 'a',
      patch: { x: '"},' },
      runId: 'r-1',
      seq: 7,
      ts: 123,
    });
    const stored = compactEventJson(json, 'r-1', 7, 123);
    expect(stored).toBe('{"type":"node.completed","nodeId":"a","patch":{"x":"\\"},"}}');
    expect(expandEventJson(stored, 'r-1', 7, 123)).toBe(json);
  });

  it('takes the envelope out of events that carry it elsewhere', () => {
    const json = JSON.stringify({ runId: 'r', seq: 1, ts: 2, type: 'run.started' });
    const stored = compactEventJson(json, 'r', 1, 2);
    expect(stored).toBe('{"type":"run.started"}');
    expect(JSON.parse(expandEventJson(stored, 'r', 1, 2))).toEqual(JSON.parse(json));
  });

  it('handles an event with nothing but its envelope', () => {
    const json = JSON.stringify({ runId: 'r', seq: 1, ts: 2 });
    expect(compactEventJson(json, 'r', 1, 2)).toBe('{}');
    expect(expandEventJson('{}', 'r', 1, 2)).toBe(json);
  });
});
