import type { RunEvent } from '@weft/engine';

/** One line describing an event's payload, for the event log. */
export function eventSummary(event: RunEvent): string {
  switch (event.type) {
    case 'run.started':
      return `input ${short(event.input)}`;
    case 'run.resumed':
      return event.nodeId ? `${event.nodeId} ← ${short(event.value)}` : '';
    case 'run.waiting':
      return event.pending.map((p) => `${p.nodeId}: ${short(p.payload)}`).join(', ');
    case 'run.completed':
      return `state ${short(event.state)}`;
    case 'run.failed':
      return `${event.error.code}: ${event.error.message}`;
    case 'run.cancelled':
      return event.reason;
    case 'node.started':
      return `visit ${event.visit}${event.attempt > 1 ? `, attempt ${event.attempt}` : ''}`;
    case 'node.completed':
      return `${Math.round(event.durationMs)} ms · ${short(event.patch)}`;
    case 'node.failed':
      return `${event.error.code}: ${event.error.message}${event.willRetry ? ' (will retry)' : ''}`;
    case 'node.retrying':
      return `attempt ${event.attempt} in ${event.delayMs} ms`;
    case 'node.skipped':
      return '';
    case 'node.log':
      return `[${event.level}] ${event.message}`;
    case 'node.progress':
      return `${Math.round(event.ratio * 100)}%${event.message ? ` ${event.message}` : ''}`;
    case 'node.stream':
      return short(event.chunk);
    case 'edge.fired':
    case 'edge.dead':
      return event.edgeId;
  }
}

function short(value: unknown, max = 120): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
