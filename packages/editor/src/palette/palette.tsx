import type { ToolDescriptor } from '@weft/engine';
import { useReactFlow } from '@xyflow/react';
import { memo, useMemo, useState } from 'react';
import { addToolNode, TOOL_MIME } from '../canvas/add-node.ts';
import { categoryIcon } from '../canvas/category-icon.ts';
import { useEditor, useEditorApi } from '../store/editor-context.tsx';
import { Icon } from '../ui/icons.tsx';
import { groupTools } from './group-tools.ts';

/** The tools of `GET /api/tools`, grouped by category, searchable; drag one onto the canvas (or press Enter). Memoised: it has no props. */
export const Palette = memo(function Palette() {
  const tools = useEditor((s) => s.tools);
  const [query, setQuery] = useState('');
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const groups = useMemo(() => groupTools(tools, query), [tools, query]);
  const api = useEditorApi();
  const flow = useReactFlow();
  const readOnly = useEditor((s) => s.runView !== null);

  const addAtCentre = (tool: ToolDescriptor) => {
    if (api.getState().runView) return;
    const pane = document.querySelector('.wf-canvas')?.getBoundingClientRect();
    const centre = pane
      ? flow.screenToFlowPosition({ x: pane.left + pane.width / 2, y: pane.top + pane.height / 2 })
      : { x: 0, y: 0 };
    addToolNode(api, tool, { x: centre.x - 110, y: centre.y - 40 });
  };

  return (
    <aside className="wf-palette" aria-label="Tools">
      <div className="wf-panel-title">Tools</div>
      <label className="wf-search wf-search--small">
        <Icon name="search" size={14} />
        <input
          type="search"
          placeholder="Search tools"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label="Search tools"
          data-testid="palette-search"
        />
      </label>
      <div className="wf-palette__list">
        {tools.length === 0 ? <p className="wf-muted wf-pad">Loading tools…</p> : null}
        {tools.length > 0 && groups.length === 0 ? (
          <p className="wf-muted wf-pad">No tool matches “{query}”.</p>
        ) : null}
        {groups.map((group) => {
          const open = query !== '' || !collapsed.has(group.category);
          return (
            <section key={group.category} className="wf-palette__group">
              <button
                type="button"
                className="wf-palette__heading"
                aria-expanded={open}
                onClick={() =>
                  setCollapsed((prev) => {
                    const next = new Set(prev);
                    if (next.has(group.category)) next.delete(group.category);
                    else next.add(group.category);
                    return next;
                  })
                }
              >
                <Icon name={open ? 'chevronDown' : 'chevronRight'} size={14} />
                <Icon name={categoryIcon(group.category)} size={14} />
                {group.category}
                <span className="wf-muted">{group.tools.length}</span>
              </button>
              {open ? (
                <ul>
                  {group.tools.map((tool) => (
                    <PaletteItem key={tool.id} tool={tool} onAdd={addAtCentre} readOnly={readOnly} />
                  ))}
                </ul>
              ) : null}
            </section>
          );
        })}
      </div>
      <p className="wf-palette__hint wf-muted">
        {readOnly
          ? 'Viewing a past run: back to editing to add tools'
          : 'Drag onto the canvas · Enter adds at the centre'}
      </p>
    </aside>
  );
});

const PaletteItem = memo(function PaletteItem({
  tool,
  onAdd,
  readOnly,
}: {
  tool: ToolDescriptor;
  onAdd(tool: ToolDescriptor): void;
  readOnly: boolean;
}) {
  return (
    <li>
      <button
        type="button"
        className="wf-palette__item"
        draggable={!readOnly}
        data-testid={`palette-item-${tool.id}`}
        title={tool.description}
        onDragStart={(e) => {
          e.dataTransfer.setData(TOOL_MIME, tool.id);
          e.dataTransfer.setData('text/plain', tool.id);
          e.dataTransfer.effectAllowed = 'copy';
        }}
        onDoubleClick={() => onAdd(tool)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onAdd(tool);
          }
        }}
      >
        <span className="wf-palette__item-title">{tool.title}</span>
        <span className="wf-palette__item-id">{tool.id}</span>
        <span className="wf-palette__item-desc">{tool.description}</span>
      </button>
    </li>
  );
});
