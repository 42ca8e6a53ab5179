import { lazy, Suspense } from 'react';
import { useReadOnly } from '../ui/read-only.ts';
import type { CodeEditorProps } from './code-editor-types.ts';

export type { CodeEditorProps, CodeMarker } from './code-editor-types.ts';

const Impl = lazy(() => import('./code-editor-impl.tsx'));

/**
 * A Monaco editor for JSON or CEL that grows with its content. Monaco is loaded on first use, from the
 * local package, in its own chunk; until then a read-only preview of the text stands in.
 */
export function CodeEditor(props: CodeEditorProps) {
  const readOnly = useReadOnly() || props.readOnly === true;
  return (
    <Suspense
      fallback={
        <pre className="wf-code wf-code--loading" data-testid={props.testId}>
          {props.value || props.placeholder}
        </pre>
      }
    >
      <Impl {...props} readOnly={readOnly} />
    </Suspense>
  );
}
