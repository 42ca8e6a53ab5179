import { describe, expect, it } from 'vitest';
import { readSseData } from './sse.ts';

function streamOf(pieces: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const p of pieces) controller.enqueue(encoder.encode(p));
      controller.close();
    },
  });
}

async function collect(pieces: string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const data of readSseData(streamOf(pieces))) out.push(data);
  return out;
}

describe('readSseData', () => {
  it('yields the data of each event, across chunk boundaries and line endings', async () => {
    expect(
      await collect(['data: {"a"', ':1}\n\nda', 'ta: two\r\n\r\n: comment\n\nevent: x\ndata:three\n\n']),
    ).toEqual(['{"a":1}', 'two', 'three']);
  });

  it('joins multi-line data and flushes a last event without a blank line', async () => {
    expect(await collect(['data: a\ndata: b\n\n', 'data: [DONE]'])).toEqual(['a\nb', '[DONE]']);
  });

  it('keeps multi-byte characters split between chunks intact', async () => {
    const bytes = new TextEncoder().encode('data: héllo\n\n');
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.slice(0, 8));
        controller.enqueue(bytes.slice(8));
        controller.close();
      },
    });
    const out: string[] = [];
    for await (const data of readSseData(stream)) out.push(data);
    expect(out).toEqual(['héllo']);
  });
});
