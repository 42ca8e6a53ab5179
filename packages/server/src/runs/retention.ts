import type { Logger } from '../observability/logger.ts';
import type { Store } from '../storage/store.ts';

export interface RetentionSettings {
  /** Delete finished runs older than this many days (0: never). */
  maxAgeDays: number;
  /** Keep at most this many finished runs per graph (0: no limit). */
  maxRunsPerGraph: number;
  /** How often to prune. */
  intervalMs?: number;
}

/**
 * Prunes finished runs (with their events) by age and by count per graph: once shortly after start,
 * then every `intervalMs` (10 minutes). Waiting and running runs are never pruned. Returns `stop`.
 */
export function startRetention(store: Store, settings: RetentionSettings, logger: Logger): () => void {
  if (settings.maxAgeDays <= 0 && settings.maxRunsPerGraph <= 0) return () => {};
  let running = false;
  const prune = async () => {
    if (running) return;
    running = true;
    try {
      const deleted = await store.runs.prune({
        ...(settings.maxAgeDays > 0 ? { createdBefore: Date.now() - settings.maxAgeDays * 86_400_000 } : {}),
        ...(settings.maxRunsPerGraph > 0 ? { keepPerGraph: settings.maxRunsPerGraph } : {}),
      });
      if (deleted > 0) logger.info({ deleted }, 'retention: deleted old runs');
    } catch (error) {
      logger.error({ err: error }, 'retention: pruning runs failed');
    } finally {
      running = false;
    }
  };
  const first = setTimeout(prune, 5_000);
  const every = setInterval(prune, settings.intervalMs ?? 600_000);
  first.unref();
  every.unref();
  return () => {
    clearTimeout(first);
    clearInterval(every);
  };
}
