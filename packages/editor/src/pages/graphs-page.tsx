import { GRAPH_FORMAT, type GraphDocument } from '@weft/engine';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { api, errorMessage } from '../api/api-client.ts';
import type { GraphSummary } from '../api/api-types.ts';
import { graphIdFromName } from '../graph/ids.ts';
import { importGraph } from '../graph/import-graph.ts';
import { ConfirmDialog } from '../ui/dialog.tsx';
import { downloadGraph, pickJsonFile } from '../ui/download.ts';
import { Icon, IconButton } from '../ui/icons.tsx';
import { graphPath, navigate } from '../ui/router.ts';
import { formatRelative, STATUS_META } from '../ui/status.ts';
import { useToast } from '../ui/toasts.tsx';
import { TopBar } from '../ui/top-bar.tsx';
import { GraphNameDialog } from './graph-name-dialog.tsx';

type Pending =
  | { kind: 'create' }
  | { kind: 'rename'; graph: GraphSummary }
  | { kind: 'delete'; graph: GraphSummary }
  | null;

/** The start page: every stored graph with its last run, and what can be done with each. */
export function GraphsPage() {
  const notify = useToast();
  const [graphs, setGraphs] = useState<GraphSummary[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [pending, setPending] = useState<Pending>(null);

  const refresh = useCallback(async () => {
    try {
      const list = await api.listGraphs();
      list.sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
      setGraphs(list);
      setLoadError(null);
    } catch (err) {
      setLoadError(errorMessage(err));
    }
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const taken = useMemo(() => new Set(graphs?.map((g) => g.id)), [graphs]);
  const shown = useMemo(() => {
    const q = filter.trim().toLowerCase();
    if (!graphs || !q) return graphs ?? [];
    return graphs.filter((g) => `${g.name} ${g.id} ${g.description ?? ''}`.toLowerCase().includes(q));
  }, [graphs, filter]);

  const act = async (what: () => Promise<void>) => {
    try {
      await what();
    } catch (err) {
      notify(errorMessage(err), 'error');
    }
  };

  const create = (name: string, id: string) =>
    act(async () => {
      const doc: GraphDocument = { format: GRAPH_FORMAT, id, name, nodes: [], edges: [] };
      await api.createGraph(doc);
      setPending(null);
      navigate(graphPath(id));
    });

  const rename = (graph: GraphSummary, name: string) =>
    act(async () => {
      const { graph: doc } = await api.getGraph(graph.id);
      await api.saveGraph({ ...doc, name });
      setPending(null);
      notify(`Renamed to “${name}”`, 'success');
      await refresh();
    });

  const duplicate = (graph: GraphSummary) =>
    act(async () => {
      const { graph: doc } = await api.getGraph(graph.id);
      const id = graphIdFromName(`${graph.id}-copy`, taken);
      await api.createGraph({ ...doc, id, name: `${doc.name} (copy)` });
      notify(`Duplicated as ${id}`, 'success');
      await refresh();
    });

  const remove = (graph: GraphSummary) =>
    act(async () => {
      await api.deleteGraph(graph.id);
      setPending(null);
      notify(`Deleted “${graph.name}”`, 'success');
      await refresh();
    });

  const exportGraph = (graph: GraphSummary) =>
    act(async () => {
      downloadGraph((await api.getGraph(graph.id)).graph);
    });

  const importFile = () =>
    act(async () => {
      const file = await pickJsonFile();
      if (!file) return;
      const result = importGraph(file.text, taken);
      if (!result.ok) {
        notify(`${file.name}: ${result.message}`, 'error');
        return;
      }
      await api.createGraph(result.doc);
      notify(
        result.renamedFrom
          ? `Imported as ${result.doc.id} (${result.renamedFrom} was taken)`
          : `Imported ${result.doc.id}`,
        'success',
      );
      navigate(graphPath(result.doc.id));
    });

  return (
    <div className="wf-page">
      <TopBar>
        <h1 className="wf-topbar__title">Graphs</h1>
      </TopBar>
      <main className="wf-graphs">
        <div className="wf-graphs__toolbar">
          <label className="wf-search">
            <Icon name="search" />
            <input
              type="search"
              placeholder="Filter graphs"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              aria-label="Filter graphs"
            />
          </label>
          <div className="wf-spacer" />
          <button type="button" className="wf-button" onClick={importFile} data-testid="import-graph">
            <Icon name="upload" /> Import JSON
          </button>
          <button
            type="button"
            className="wf-button wf-button--primary"
            onClick={() => setPending({ kind: 'create' })}
            data-testid="new-graph"
          >
            <Icon name="plus" /> New graph
          </button>
        </div>
        {loadError ? (
          <div className="wf-empty wf-empty--error" role="alert">
            <Icon name="alert" size={28} />
            <p>Cannot load the graphs: {loadError}</p>
            <button type="button" className="wf-button" onClick={() => void refresh()}>
              Try again
            </button>
          </div>
        ) : graphs === null ? (
          <div className="wf-empty">
            <Icon name="spinner" size={24} />
          </div>
        ) : (
          <div className="wf-table-wrap">
            <table className="wf-table" data-testid="graph-list">
              <thead>
                <tr>
                  <th>Name</th>
                  <th>Last run</th>
                  <th>Version</th>
                  <th>Updated</th>
                  <th aria-label="Actions" />
                </tr>
              </thead>
              <tbody>
                {shown.map((g) => (
                  <GraphRow
                    key={g.id}
                    graph={g}
                    onRename={() => setPending({ kind: 'rename', graph: g })}
                    onDuplicate={() => duplicate(g)}
                    onExport={() => exportGraph(g)}
                    onDelete={() => setPending({ kind: 'delete', graph: g })}
                  />
                ))}
              </tbody>
            </table>
            {shown.length === 0 ? (
              <div className="wf-empty">
                <Icon name="grid" size={28} />
                {graphs.length === 0 ? (
                  <>
                    <p>No graphs yet.</p>
                    <p className="wf-muted">Create one, or import a weft.graph/1 JSON file.</p>
                  </>
                ) : (
                  <p>No graph matches “{filter}”.</p>
                )}
              </div>
            ) : null}
          </div>
        )}
      </main>
      <GraphNameDialog
        open={pending?.kind === 'create'}
        title="New graph"
        confirmLabel="Create"
        taken={taken}
        withId
        onCancel={() => setPending(null)}
        onConfirm={(name, id) => create(name, id)}
      />
      <GraphNameDialog
        open={pending?.kind === 'rename'}
        title="Rename graph"
        confirmLabel="Rename"
        taken={taken}
        initialName={pending?.kind === 'rename' ? pending.graph.name : ''}
        onCancel={() => setPending(null)}
        onConfirm={(name) => pending?.kind === 'rename' && rename(pending.graph, name)}
      />
      <ConfirmDialog
        open={pending?.kind === 'delete'}
        title="Delete graph"
        danger
        confirmLabel="Delete"
        message={
          pending?.kind === 'delete' ? (
            <>
              Delete <strong>{pending.graph.name}</strong> and all its versions? Its past runs stay readable.
            </>
          ) : null
        }
        onCancel={() => setPending(null)}
        onConfirm={() => pending?.kind === 'delete' && remove(pending.graph)}
      />
    </div>
  );
}

function GraphRow(props: {
  graph: GraphSummary;
  onRename(): void;
  onDuplicate(): void;
  onExport(): void;
  onDelete(): void;
}) {
  const g = props.graph;
  const run = g.lastRun;
  const open = (e: React.MouseEvent) => {
    e.preventDefault();
    navigate(graphPath(g.id));
  };
  return (
    <tr data-testid={`graph-row-${g.id}`}>
      <td>
        <a href={graphPath(g.id)} onClick={open} className="wf-graph-link">
          <span className="wf-graph-link__name">{g.name}</span>
          <span className="wf-graph-link__id">{g.id}</span>
        </a>
        {g.description ? <div className="wf-muted wf-clamp">{g.description}</div> : null}
      </td>
      <td>
        {run ? (
          <a
            href={graphPath(g.id, run.id)}
            onClick={(e) => {
              e.preventDefault();
              navigate(graphPath(g.id, run.id));
            }}
            className="wf-status-pill"
            data-status={run.status}
            title={`Open run ${run.id}`}
          >
            <Icon name={STATUS_META[run.status].icon} size={13} />
            {STATUS_META[run.status].label}
            <span className="wf-muted">· {formatRelative(run.createdAt)}</span>
          </a>
        ) : (
          <span className="wf-muted">Never run</span>
        )}
      </td>
      <td>
        <span className="wf-badge">v{g.version}</span>
        {g.valid ? null : (
          <span className="wf-badge wf-badge--warn" title="Saved as a draft with validation problems">
            draft
          </span>
        )}
      </td>
      <td className="wf-muted">{formatRelative(g.updatedAt)}</td>
      <td className="wf-row-actions">
        <IconButton icon="edit" title="Rename" onClick={props.onRename} />
        <IconButton icon="copy" title="Duplicate" onClick={props.onDuplicate} />
        <IconButton icon="download" title="Export JSON" onClick={props.onExport} />
        <IconButton icon="trash" danger title="Delete" onClick={props.onDelete} testId={`delete-${g.id}`} />
      </td>
    </tr>
  );
}
