import type { RunStatus } from '../api/api-types.ts';
import type { NodeRunStatus } from '../store/run-overlay.ts';
import type { IconName } from './icons.tsx';

export interface StatusMeta {
  label: string;
  icon: IconName;
}

/** How every run and node status is shown: one label and icon; the colour comes from CSS (`data-status`). */
export const STATUS_META: Record<NodeRunStatus | RunStatus | 'idle', StatusMeta> = {
  idle: { label: 'Not run', icon: 'dot' },
  queued: { label: 'Queued', icon: 'clock' },
  running: { label: 'Running', icon: 'spinner' },
  retrying: { label: 'Retrying', icon: 'retry' },
  completed: { label: 'Completed', icon: 'check' },
  failed: { label: 'Failed', icon: 'x' },
  skipped: { label: 'Skipped', icon: 'skip' },
  waiting: { label: 'Waiting', icon: 'hand' },
  cancelled: { label: 'Cancelled', icon: 'stop' },
};

/** `1.2 s`, `340 ms`, `2 min 5 s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
}

/** `just now`, `5 min ago`, `3 h ago`, or the date. */
export function formatRelative(iso: string | null | undefined, now = Date.now()): string {
  if (!iso) return '—';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return '—';
  const s = Math.round((now - t) / 1000);
  if (s < 45) return 'just now';
  if (s < 3600) return `${Math.round(s / 60)} min ago`;
  if (s < 86_400) return `${Math.round(s / 3600)} h ago`;
  return new Date(t).toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric' });
}

/** `1 problem`, `3 problems`. */
export function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
