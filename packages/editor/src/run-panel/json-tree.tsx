import { memo, useState } from 'react';

/** A JSON value as a collapsible tree; objects and arrays open to `openDepth` levels. */
export const JsonTree = memo(function JsonTree({
  value,
  openDepth = 2,
}: {
  value: unknown;
  openDepth?: number;
}) {
  return (
    <div className="wf-json-tree" data-testid="json-tree">
      <JsonNode name={null} value={value} depth={0} openDepth={openDepth} />
    </div>
  );
});

function JsonNode(props: { name: string | null; value: unknown; depth: number; openDepth: number }) {
  const { name, value, depth } = props;
  const container = value !== null && typeof value === 'object';
  const [open, setOpen] = useState(depth < props.openDepth);
  const key = name === null ? null : <span className="wf-json-key">{name}: </span>;
  if (!container) {
    return (
      <div className="wf-json-row" style={{ paddingLeft: depth * 14 }}>
        <span className="wf-json-spacer" />
        {key}
        <JsonScalar value={value} />
      </div>
    );
  }
  const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value);
  const summary = Array.isArray(value) ? `[${entries.length}]` : `{${entries.length}}`;
  return (
    <>
      <button
        type="button"
        className="wf-json-row wf-json-row--toggle"
        style={{ paddingLeft: depth * 14 }}
        onClick={() => setOpen(!open)}
        aria-expanded={open}
      >
        <span className={`wf-caret${open ? ' wf-caret--open' : ''}`} aria-hidden="true" />
        {key}
        <span className="wf-json-summary">{summary}</span>
      </button>
      {open
        ? entries.map(([k, v]) => (
            <JsonNode key={k} name={k} value={v} depth={depth + 1} openDepth={props.openDepth} />
          ))
        : null}
    </>
  );
}

function JsonScalar({ value }: { value: unknown }) {
  if (typeof value === 'string') return <span className="wf-json-string">"{value}"</span>;
  if (typeof value === 'number') return <span className="wf-json-number">{value}</span>;
  if (typeof value === 'boolean') return <span className="wf-json-bool">{String(value)}</span>;
  return <span className="wf-json-null">null</span>;
}
