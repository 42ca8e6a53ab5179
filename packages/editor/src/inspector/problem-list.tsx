import type { Problem } from '@weft/engine';
import { Section } from '../ui/fields.tsx';
import { Icon } from '../ui/icons.tsx';
import { shortMessage } from './problem-markers.ts';

/** Problems as a list of messages with their code. */
export function ProblemList({ problems }: { problems: readonly Problem[] }) {
  return (
    <ul className="wf-problem-list">
      {problems.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: problems are recomputed as a whole; order is stable.
        <li key={i}>
          <Icon name="alert" size={13} />
          <span>
            {shortMessage(p)} <code className="wf-muted">{p.code}</code>
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The foot of a node's or an edge's inspector: its other problems, if any, and its Delete button. */
export function ProblemsAndDelete({
  problems,
  what,
  onDelete,
}: {
  problems: readonly Problem[];
  what: 'node' | 'edge';
  onDelete(): void;
}) {
  return (
    <>
      {problems.length > 0 ? (
        <Section title={`Problems (${problems.length})`}>
          <ProblemList problems={problems} />
        </Section>
      ) : null}
      <div className="wf-inspector__actions">
        <button
          type="button"
          className="wf-button wf-button--danger-ghost"
          onClick={onDelete}
          data-testid={`delete-${what}`}
        >
          <Icon name="trash" /> Delete {what}
        </button>
      </div>
    </>
  );
}
