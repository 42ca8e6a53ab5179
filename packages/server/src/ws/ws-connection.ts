import type { WebSocket } from 'ws';
import type { Logger } from '../observability/logger.ts';
import type { EventBus } from '../runs/event-bus.ts';
import type { RunRepository, StoredEvent } from '../storage/store.ts';
import { RunSubscription } from './run-subscription.ts';
import { CLOSE_SLOW_CONSUMER, clientMessage, eventFrame, type ServerMessage } from './ws-messages.ts';

export interface ConnectionOptions {
  bus: EventBus;
  runs: RunRepository;
  logger: Logger;
  /** Bytes a socket may have queued before it counts as a slow reader and is closed. */
  maxBufferedBytes: number;
  /** Subscriptions one socket may hold at once. */
  maxSubscriptions: number;
}

/**
 * One client of `/api/ws`: parses its messages, keeps its run subscriptions, and watches how much it
 * has not read yet. Replays pace themselves; a client that falls behind live events by more than
 * `maxBufferedBytes` is closed with code 4008 and can come back subscribing with `after` = the last seq
 * it received.
 */
export class WebSocketConnection {
  private readonly subscriptions = new Map<string, RunSubscription>();
  private closed = false;
  private corked = false;
  /** Bytes handed to the socket whose write has not completed, and their sizes in order. */
  private unsent = 0;
  private readonly sizes: number[] = [];
  private sizesHead = 0;
  private drainWaiters: Array<() => void> = [];
  private readonly written = () => {
    this.unsent -= this.sizes[this.sizesHead++] ?? 0;
    if (this.sizesHead > 1024 && this.sizesHead * 2 > this.sizes.length) {
      this.sizes.splice(0, this.sizesHead);
      this.sizesHead = 0;
    }
    if (this.drainWaiters.length > 0 && this.unsent <= this.options.maxBufferedBytes / 4)
      this.releaseDrainWaiters();
  };

  constructor(
    private readonly socket: WebSocket,
    private readonly options: ConnectionOptions,
  ) {
    socket.on('message', (data, isBinary) => {
      if (isBinary) {
        this.reply({ type: 'error', code: 'INVALID_MESSAGE', message: 'send JSON text messages' });
        return;
      }
      void this.onMessage(data.toString());
    });
    socket.on('close', () => this.dispose());
    socket.on('error', () => this.dispose());
  }

  private async onMessage(text: string): Promise<void> {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      this.reply({ type: 'error', code: 'INVALID_MESSAGE', message: 'the message is not JSON' });
      return;
    }
    const parsed = clientMessage.safeParse(value);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      this.reply({
        type: 'error',
        code: 'INVALID_MESSAGE',
        message: `expected {type:'subscribe', runId, after?} or {type:'unsubscribe', runId}${issue ? `: ${issue.path.join('.') || 'message'}: ${issue.message}` : ''}`,
      });
      return;
    }
    const message = parsed.data;
    const { runId } = message;
    this.subscriptions.get(runId)?.close();
    this.subscriptions.delete(runId);
    if (message.type === 'unsubscribe') return;

    if (this.subscriptions.size >= this.options.maxSubscriptions) {
      this.reply({
        type: 'error',
        code: 'TOO_MANY_SUBSCRIPTIONS',
        message: `a connection may watch at most ${this.options.maxSubscriptions} runs`,
        runId,
      });
      return;
    }
    try {
      if (!(await this.options.runs.get(runId))) {
        this.reply({ type: 'error', code: 'RUN_NOT_FOUND', message: `no run '${runId}'`, runId });
        return;
      }
      if (this.closed || this.subscriptions.has(runId)) return;
      const subscription = new RunSubscription(
        runId,
        message.after ?? 0,
        this.options.bus,
        this.options.runs,
        {
          deliver: (event) => this.deliver(event),
          congested: () => this.unsent > this.options.maxBufferedBytes / 2,
          drained: () => this.drained(),
          overflow: () => this.closeSlow(),
        },
        this.options.maxBufferedBytes,
      );
      this.subscriptions.set(runId, subscription);
      this.reply({ type: 'subscribed', runId });
      await subscription.start();
    } catch (error) {
      this.options.logger.error({ err: error, runId }, 'WebSocket subscription failed');
      this.reply({
        type: 'error',
        code: 'INTERNAL',
        message: 'the subscription failed; see the server log',
        runId,
      });
    }
  }

  private deliver(event: StoredEvent): void {
    if (this.closed) return;
    if (this.unsent > this.options.maxBufferedBytes) {
      this.closeSlow();
      return;
    }
    const frame = eventFrame(event);
    this.unsent += frame.length;
    this.sizes.push(frame.length);
    this.cork();
    this.socket.send(frame, { binary: false }, this.written);
  }

  /**
   * Events arrive in bursts (every event of a commit, synchronously): hold the socket's writes until
   * the burst is over, so they leave in one system call instead of one per event.
   */
  private cork(): void {
    if (this.corked) return;
    const raw = (this.socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    if (!raw) return;
    this.corked = true;
    raw.cork();
    queueMicrotask(() => {
      this.corked = false;
      raw.uncork();
    });
  }

  private reply(message: ServerMessage): void {
    if (!this.closed) this.socket.send(JSON.stringify(message));
  }

  /** Resolves when the socket's queue is down to a quarter of the limit (or the socket closed). */
  private drained(): Promise<void> {
    if (this.closed || this.unsent <= this.options.maxBufferedBytes / 4) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push(resolve));
  }

  private releaseDrainWaiters(): void {
    const waiters = this.drainWaiters;
    this.drainWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private closeSlow(): void {
    const seqs = [...this.subscriptions.values()].map((s) => `${s.runId}@${s.delivered}`).join(', ');
    this.options.logger.warn(
      { unsentBytes: this.unsent, delivered: seqs },
      'closing a slow WebSocket client',
    );
    this.dispose();
    this.socket.close(
      CLOSE_SLOW_CONSUMER,
      'slow consumer: reconnect and subscribe with after = the last seq you got',
    );
    // A reader that stopped reading may never complete the closing handshake.
    setTimeout(() => this.socket.terminate(), 5000).unref();
  }

  private dispose(): void {
    this.closed = true;
    this.releaseDrainWaiters();
    for (const subscription of this.subscriptions.values()) subscription.close();
    this.subscriptions.clear();
  }
}
