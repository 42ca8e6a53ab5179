import { describe, expect, it } from 'vitest';
import { sampleGraph } from '../testing/fixtures.ts';
import { breakCoalescing, emptyHistory, HISTORY_LIMIT, recordEdit, redo, undo } from './history.ts';

const a = sampleGraph();
const b = { ...a, name: 'B' };
const c = { ...a, name: 'C' };

describe('history', () => {
  it('undoes and redoes whole documents', () => {
    let h = recordEdit(emptyHistory, a, 'rename');
    h = recordEdit(h, b, 'rename again');
    const back = undo(h, c)!;
    expect(back.doc).toBe(b);
    const back2 = undo(back.history, back.doc)!;
    expect(back2.doc).toBe(a);
    expect(undo(back2.history, a)).toBeNull();
    const fwd = redo(back2.history, a)!;
    expect(fwd.doc).toBe(b);
    expect(redo(fwd.history, b)!.doc).toBe(c);
  });

  it('clears the redo stack on a new edit', () => {
    const h = recordEdit(emptyHistory, a, 'x');
    const back = undo(h, b)!;
    expect(back.history.future).toHaveLength(1);
    expect(recordEdit(back.history, a, 'y').future).toHaveLength(0);
  });

  it('coalesces edits with the same key into one step until broken', () => {
    let h = recordEdit(emptyHistory, a, 'move', 'drag:n1');
    h = recordEdit(h, b, 'move', 'drag:n1');
    expect(h.past).toHaveLength(1);
    expect(undo(h, c)!.doc).toBe(a);
    h = recordEdit(breakCoalescing(h), c, 'move', 'drag:n1');
    expect(h.past).toHaveLength(2);
    h = recordEdit(h, c, 'label', 'label:n1');
    expect(h.past).toHaveLength(3);
  });

  it('keeps at most HISTORY_LIMIT steps', () => {
    let h = emptyHistory;
    for (let i = 0; i < HISTORY_LIMIT + 10; i++) h = recordEdit(h, { ...a, name: String(i) }, 'x');
    expect(h.past).toHaveLength(HISTORY_LIMIT);
    expect(h.past[0]!.doc.name).toBe('10');
  });
});
