import { useSyncExternalStore } from 'react';

/** The editor's two pages: the graph list at `/` and one graph at `/graphs/<id>` (`?run=<id>` opens a run). */
export type Route = { page: 'graphs' } | { page: 'graph'; graphId: string; runId: string | null };

export function parseRoute(pathname: string, search: string): Route {
  const match = /^\/graphs\/([^/]+)\/?$/.exec(pathname);
  if (match)
    return {
      page: 'graph',
      graphId: decodeURIComponent(match[1]!),
      runId: new URLSearchParams(search).get('run'),
    };
  return { page: 'graphs' };
}

export function graphPath(graphId: string, runId?: string): string {
  return `/graphs/${encodeURIComponent(graphId)}${runId ? `?run=${encodeURIComponent(runId)}` : ''}`;
}

type Guard = () => boolean;
const guards = new Set<Guard>();
const listeners = new Set<() => void>();

/** A check run before in-app navigation (the unsaved-changes guard); returning false cancels it. */
export function addNavigationGuard(guard: Guard): () => void {
  guards.add(guard);
  return () => guards.delete(guard);
}

export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === location.pathname + location.search) return;
  for (const guard of guards) if (!guard()) return;
  if (options.replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

/**
 * Rewrites the address of the page being shown (a run opened or closed on the same graph) without the
 * navigation guards: nothing is left, so there is nothing unsaved to warn about.
 */
export function replaceRoute(path: string): void {
  if (path === location.pathname + location.search) return;
  history.replaceState(null, '', path);
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

const snapshot = () => location.pathname + location.search;

/** The current route, following pushState navigation and the back button. */
export function useRoute(): Route {
  const href = useSyncExternalStore(subscribe, snapshot);
  const url = new URL(href, location.origin);
  return parseRoute(url.pathname, url.search);
}
