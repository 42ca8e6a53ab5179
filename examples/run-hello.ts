/**
 * Runs examples/hello.json through the engine and prints every event: what `pnpm start` does until the
 * server is available. Usage: `node --import tsx examples/run-hello.ts`.
 */
import { readFileSync } from 'node:fs';
import { coreTools, createToolRegistry, type GraphDocument, runGraph } from '@weft/engine';

const here = new URL('.', import.meta.url);
const doc = JSON.parse(readFileSync(new URL('hello.json', here), 'utf8')) as GraphDocument;
const input = JSON.parse(readFileSync(new URL('hello.input.json', here), 'utf8'));
const result = await runGraph(doc, {
  tools: createToolRegistry(coreTools),
  input,
  onEvent: (event) => {
    const subject = 'edgeId' in event ? `edge ${event.edgeId}` : 'nodeId' in event ? event.nodeId : '';
    console.log(`${String(event.seq).padStart(3)} ${event.type.padEnd(15)} ${subject ?? ''}`);
  },
});
console.log(JSON.stringify(result, null, 2));
