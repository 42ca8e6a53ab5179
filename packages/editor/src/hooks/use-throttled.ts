import { useEffect, useRef, useState } from 'react';
import { nextFrame } from '../api/frame-batcher.ts';
import { useEditorApi } from '../store/editor-context.tsx';
import type { EditorStore } from '../store/types.ts';

/**
 * Panel updates take turns: at most one runs per animation frame, so the event log, the timeline, the
 * overview and the minimap — all due at the start of a run and every few hundred milliseconds after — never
 * add their costs up in one frame.
 */
const turns: Array<() => void> = [];
let turnScheduled = false;

function takeTurn(update: () => void): void {
  if (!turns.includes(update)) turns.push(update);
  if (turnScheduled) return;
  turnScheduled = true;
  nextFrame(runTurn);
}

function runTurn(): void {
  turnScheduled = false;
  turns.shift()?.();
  if (turns.length > 0) {
    turnScheduled = true;
    nextFrame(runTurn);
  }
}

/**
 * Like `useEditor(selector)`, but the component re-renders at most every `ms` milliseconds: the first
 * change shows in the next frame that has no other panel update, later ones within `ms` are merged into
 * one update at its end (the latest value always arrives). Panels that follow a run streaming thousands
 * of events a second — the event log, the timeline, the overview, the minimap — update a few times a
 * second, one per frame, instead of rendering on every frame only to show the same thing.
 *
 * @example
 * const events = useThrottledEditor((s) => s.events, 200);
 */
export function useThrottledEditor<T>(selector: (state: EditorStore) => T, ms: number): T {
  const store = useEditorApi();
  const select = useRef(selector);
  select.current = selector;
  const [value, setValue] = useState(() => selector(store.getState()));

  useEffect(() => {
    let last = 0;
    let waiting = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let active = true;
    const update = () => {
      waiting = false;
      if (!active) return;
      last = Date.now();
      const next = select.current(store.getState());
      setValue(() => next);
    };
    const queue = () => {
      timer = undefined;
      takeTurn(update);
    };
    // A change between the first render and this subscription is not missed.
    setValue(() => select.current(store.getState()));
    const unsubscribe = store.subscribe((state, prev) => {
      if (waiting || Object.is(select.current(state), select.current(prev))) return;
      waiting = true;
      const wait = last + ms - Date.now();
      if (wait <= 0) queue();
      else timer = setTimeout(queue, wait);
    });
    return () => {
      active = false;
      unsubscribe();
      clearTimeout(timer);
    };
  }, [store, ms]);
  return value;
}
