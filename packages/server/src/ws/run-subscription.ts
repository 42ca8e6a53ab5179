import type { EventBus } from '../runs/event-bus.ts';
import type { RunRepository, StoredEvent } from '../storage/store.ts';
import { isFinalEvent } from './ws-messages.ts';

/** Where a subscription delivers events: a socket, or anything that can take them in order. */
export interface EventSink {
  deliver(event: StoredEvent): void;
  /** True while the receiver has a backlog: replay then waits for `drained()` (live events do not wait). */
  congested(): boolean;
  drained(): Promise<void>;
  /** The receiver fell so far behind that the live events held for it passed the limit. */
  overflow(): void;
}

const PAGE = 500;
/**
 * How long a gap may stay open before the held events are delivered anyway. It cannot happen: live
 * events are published after their commit (in one process) or read from the events table (the
 * PostgreSQL bus of several processes), so the store always has what precedes them.
 */
const MAX_STALLS = 50;
const STALL_MS = 20;

/**
 * Delivers one run's events to one receiver: the stored events after `after`, then the live ones, with
 * no gap and no duplicate even while the run is emitting. It listens on the bus *before* reading the
 * store, holds live events back while it replays, and delivers every seq exactly once in order; were a
 * live event ever to arrive ahead of a missing seq, it reads the store again to fill the gap.
 */
export class RunSubscription {
  private lastSeq: number;
  private held: StoredEvent[] | undefined = [];
  private heldBytes = 0;
  private unsubscribe: (() => void) | undefined;
  private closed = false;
  private catchingUp = false;

  constructor(
    readonly runId: string,
    after: number,
    private readonly bus: EventBus,
    private readonly events: RunRepository,
    private readonly sink: EventSink,
    /** Bytes of live events held back during a replay before the receiver counts as too slow. */
    private readonly maxHeldBytes = Number.POSITIVE_INFINITY,
  ) {
    this.lastSeq = after;
  }

  /** The seq of the last event delivered. */
  get delivered(): number {
    return this.lastSeq;
  }

  /** Starts listening and replays; resolves once replay is over and events flow live. */
  async start(): Promise<void> {
    this.unsubscribe = this.bus.subscribe(this.runId, (event) => this.onLive(event));
    await this.catchUp();
  }

  close(): void {
    this.closed = true;
    this.held = undefined;
    this.unsubscribe?.();
    this.unsubscribe = undefined;
  }

  private onLive(event: StoredEvent): void {
    if (this.closed) return;
    if (this.held) {
      this.held.push(event);
      this.heldBytes += event.json.length;
      if (this.heldBytes > this.maxHeldBytes) this.sink.overflow();
      return;
    }
    if (event.seq <= this.lastSeq) return;
    if (event.seq === this.lastSeq + 1) {
      this.send(event);
      return;
    }
    // A gap: hold this one and fetch what is missing from the store.
    this.held = [event];
    this.heldBytes = event.json.length;
    this.catchUp().catch(() => this.close());
  }

  private async catchUp(): Promise<void> {
    if (this.catchingUp) return;
    this.catchingUp = true;
    let stalls = 0;
    try {
      while (!this.closed) {
        const page = await this.events.events(this.runId, this.lastSeq, PAGE);
        for (const event of page) {
          if (this.closed) return;
          if (event.seq !== this.lastSeq + 1) continue;
          this.send(event);
          if (this.sink.congested()) await this.sink.drained();
        }
        if (this.closed || page.length === PAGE) continue;
        if (this.releaseHeld(stalls >= MAX_STALLS)) return;
        stalls++;
        await new Promise((resolve) => setTimeout(resolve, STALL_MS));
      }
    } finally {
      this.catchingUp = false;
    }
  }

  /** Delivers the held live events; true when they connected to the replay (or `force`), so live mode begins. */
  private releaseHeld(force: boolean): boolean {
    const held = (this.held ?? []).sort((a, b) => a.seq - b.seq);
    for (let i = 0; i < held.length; i++) {
      const event = held[i]!;
      if (event.seq <= this.lastSeq) continue;
      if (event.seq !== this.lastSeq + 1 && !force) {
        this.held = held.slice(i);
        this.heldBytes = this.held.reduce((sum, e) => sum + e.json.length, 0);
        return false;
      }
      this.send(event);
    }
    this.held = undefined;
    this.heldBytes = 0;
    return true;
  }

  private send(event: StoredEvent): void {
    this.lastSeq = event.seq;
    this.sink.deliver(event);
    if (isFinalEvent(event.type)) {
      this.unsubscribe?.();
      this.unsubscribe = undefined;
    }
  }
}
