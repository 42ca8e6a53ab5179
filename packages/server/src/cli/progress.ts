import type { RunEvent } from '@weft/engine';
import { type CliIo, color } from './cli-io.ts';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

const short = (value: unknown, max = 80) => {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
};

/** One line for an event, or undefined for events not worth a line (edges, stream chunks). */
export function describeEvent(event: RunEvent, tty: boolean): string | undefined {
  const c = color(tty);
  switch (event.type) {
    case 'run.started':
      return c.dim(`run ${event.runId} started (graph ${event.graphId})`);
    case 'run.resumed':
      return c.dim(`run resumed${event.nodeId ? ` at ${event.nodeId}` : ' from its checkpoint'}`);
    case 'node.started':
      return `${c.cyan('▶')} ${event.nodeId}${event.visit > 1 ? c.dim(` visit ${event.visit}`) : ''}${event.attempt > 1 ? c.dim(` attempt ${event.attempt}`) : ''}`;
    case 'node.completed':
      return `${c.green('✔')} ${event.nodeId} ${c.dim(`${event.durationMs.toFixed(1)} ms`)}${Object.keys(event.patch).length > 0 ? c.dim(` ${short(event.patch, 60)}`) : ''}`;
    case 'node.failed':
      return `${c.red('✖')} ${event.nodeId} ${event.error.code}: ${event.error.message}${event.willRetry ? c.dim(' (will retry)') : ''}`;
    case 'node.retrying':
      return `${c.yellow('↻')} ${event.nodeId} retry ${event.attempt} in ${event.delayMs} ms`;
    case 'node.skipped':
      return c.dim(`○ ${event.nodeId} skipped`);
    case 'node.log':
      return c.dim(`  ${event.nodeId} [${event.level}] ${event.message}`);
    case 'node.progress':
      return c.dim(
        `  ${event.nodeId} ${Math.round(event.ratio * 100)}%${event.message ? ` ${event.message}` : ''}`,
      );
    case 'run.waiting':
      return `${c.yellow('⏸')} waiting for ${event.pending.map((p) => p.nodeId).join(', ')}`;
    case 'run.completed':
      return c.green('run completed');
    case 'run.failed':
      return c.red(
        `run failed: ${event.error.code}: ${event.error.message}${event.error.nodeId ? ` (node ${event.error.nodeId})` : ''}`,
      );
    case 'run.cancelled':
      return c.yellow(`run cancelled: ${event.reason}`);
    default:
      return undefined;
  }
}

/**
 * Live progress on stderr: one line per node event; on a terminal, also a spinner line naming the
 * nodes running now, redrawn in place.
 */
export class ProgressPrinter {
  private readonly running = new Set<string>();
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;
  private spinnerShown = false;

  constructor(private readonly io: CliIo) {
    if (io.tty) {
      this.timer = setInterval(() => this.drawSpinner(), 80);
      this.timer.unref();
    }
  }

  event(event: RunEvent): void {
    if (event.type === 'node.started') this.running.add(event.nodeId);
    else if (event.type === 'node.completed' || event.type === 'node.failed' || event.type === 'node.skipped')
      this.running.delete(event.nodeId);
    else if (event.type.startsWith('run.') && event.type !== 'run.started' && event.type !== 'run.resumed')
      this.running.clear();
    const line = describeEvent(event, this.io.tty);
    if (line === undefined) return;
    this.clearSpinner();
    this.io.err(`${line}\n`);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.clearSpinner();
  }

  private drawSpinner(): void {
    if (this.running.size === 0) {
      this.clearSpinner();
      return;
    }
    const names = [...this.running].slice(0, 5).join(', ') + (this.running.size > 5 ? ' …' : '');
    this.io.err(`\r\u001b[2K${SPINNER[this.frame++ % SPINNER.length]} running ${names}`);
    this.spinnerShown = true;
  }

  private clearSpinner(): void {
    if (!this.spinnerShown) return;
    this.io.err('\r\u001b[2K');
    this.spinnerShown = false;
  }
}
