import type { Problem } from '@weft/engine';
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
