import type { Logger } from '../observability/logger.ts';
import type { Store } from '../storage/store.ts';
import type { EventBus } from './event-bus.ts';
import type { RunExecutor } from './run-executor.ts';
import type { RunQueue } from './run-queue.ts';

export interface LeaseKeeperOptions {
  store: Pick<Store, 'leases' | 'transaction'>;
  /** The shared queue lapsed runs go back to. */
  queue: RunQueue;
  owner: string;
  /** How long a lease lasts without a heartbeat. */
  leaseMs: number;
  /** Heartbeat period (default a third of `leaseMs`, so two beats may fail before a lease lapses). */
  heartbeatMs?: number;
  /** The runs this process executes, with the lease version each is fenced by. */
  held(): Array<{ runId: string; leaseVersion: number }>;
  /** Runs whose lease this process no longer holds: their executors must stop. */
  onLost(runIds: string[]): void;
  logger: Logger;
}

/**
 * A worker's heartbeat. Every beat it renews the leases of the runs this process executes (a run whose
 * lease was not renewed was taken over: its executor stops) and takes back the runs whose lease lapsed
 * — their worker died or froze — queuing each again with its new lease version, in one transaction, so
 * that exactly one worker picks it up and continues it from its last checkpoint. Every worker beats;
 * SKIP LOCKED keeps them from taking back the same run twice.
 */
export class LeaseKeeper {
  private timer: NodeJS.Timeout | undefined;
  private beating: Promise<number> | undefined;

  constructor(private readonly options: LeaseKeeperOptions) {}

  get heartbeatMs(): number {
    return this.options.heartbeatMs ?? Math.max(50, Math.floor(this.options.leaseMs / 3));
  }

  start(): void {
    this.timer ??= setInterval(() => this.nudge(), this.heartbeatMs);
  }

  /** Beats now, unless a beat is under way. */
  nudge(): void {
    if (!this.beating) this.beating = this.beat().finally(() => (this.beating = undefined));
  }

  /** Stops beating (after the current beat). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.beating;
  }

  /** One heartbeat: renew, then take back lapsed runs; resolves with how many were taken back. */
  async beat(): Promise<number> {
    const { store, owner, leaseMs, logger } = this.options;
    try {
      const held = this.options.held();
      if (held.length > 0) {
        const renewed = new Set(await store.leases.renew(owner, held, leaseMs));
        const lost = held.filter((h) => !renewed.has(h.runId)).map((h) => h.runId);
        if (lost.length > 0) this.options.onLost(lost);
      }
      const reclaimed = await store.transaction(async (tx) => {
        const lapsed = await tx.leases.reclaimLapsed(100);
        await this.options.queue.enqueue(
          lapsed.map((run) => ({ kind: 'recover', runId: run.runId, leaseVersion: run.leaseVersion })),
          tx.sql,
        );
        return lapsed;
      });
      for (const run of reclaimed)
        logger.info({ runId: run.runId }, 'the lease of a run lapsed (its worker is gone); queued again');
      return reclaimed.length;
    } catch (error) {
      logger.error({ err: error }, 'the lease heartbeat failed; trying again at the next beat');
      return 0;
    }
  }
}

/**
 * Makes this process a worker of a shared queue: the queue's jobs go to the executor (claimed in the
 * transaction that takes them), and a keeper renews the leases of the runs it executes — and checks
 * them at once when another process commits to one of them.
 */
export function startWorker(options: {
  executor: RunExecutor;
  store: Pick<Store, 'leases' | 'transaction'>;
  queue: RunQueue;
  bus: EventBus;
  owner: string;
  leaseMs: number;
  heartbeatMs?: number;
  logger: Logger;
}): { keeper: LeaseKeeper; stop(): void } {
  const { executor, queue } = options;
  queue.process(
    (job) => executor.executeClaimed(job),
    (jobs, tx) => executor.claim(jobs, tx),
  );
  const keeper = new LeaseKeeper({
    store: options.store,
    queue,
    owner: options.owner,
    leaseMs: options.leaseMs,
    ...(options.heartbeatMs ? { heartbeatMs: options.heartbeatMs } : {}),
    held: () => executor.held(),
    onLost: (ids) => executor.stop(ids, 'its lease was not renewed'),
    logger: options.logger,
  });
  keeper.start();
  const stopWatching = options.bus.onRemoteCommit?.((ids) => {
    if (ids.some((id) => executor.active.get(id)?.executing)) keeper.nudge();
  });
  // A cancel asked of another process: the run ends here, where its last writes are.
  const stopCancels = options.bus.onCancelRequest?.((runId, reason) => {
    const run = executor.active.get(runId);
    if (run?.executing && !run.lost) run.controller.abort(new Error(reason));
  });
  return {
    keeper,
    stop: () => {
      stopWatching?.();
      stopCancels?.();
    },
  };
}
