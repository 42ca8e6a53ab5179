import Editor, { type OnMount } from '@monaco-editor/react';
import type * as Monaco from 'monaco-editor/editor';
import { useEffect, useRef, useState } from 'react';
import type { CodeEditorProps } from './code-editor-types.ts';
import { monaco } from './monaco-setup.ts';

type StandaloneEditor = Parameters<OnMount>[0];

/** The Monaco-backed editor behind `CodeEditor` (lazy-loaded; see code-editor.tsx for the props). */
export default function CodeEditorImpl(props: CodeEditorProps) {
  const { value, onChange, language, markers = [], minLines = 1, maxLines = 12, readOnly = false } = props;
  const editorRef = useRef<StandaloneEditor | null>(null);
  const [height, setHeight] = useState(lineHeight * minLines + padding);
  const theme = useDocumentTheme();

  const onMount: OnMount = (editor) => {
    editorRef.current = editor;
    const resize = () => {
      const lines = Math.min(maxLines, Math.max(minLines, editor.getModel()?.getLineCount() ?? 1));
      const content = Math.min(editor.getContentHeight(), lineHeight * maxLines + padding);
      setHeight(Math.max(content, lineHeight * lines + padding));
    };
    editor.onDidContentSizeChange(resize);
    editor.onDidBlurEditorText(() => props.onBlur?.());
    resize();
    applyMarkers(editor, markers);
  };

  useEffect(() => {
    if (editorRef.current) applyMarkers(editorRef.current, markers);
  });

  return (
    <div
      className="wf-code"
      data-testid={props.testId}
      data-language={language}
      data-invalid={markers.length > 0 || undefined}
      style={{ height }}
    >
      <Editor
        value={value}
        language={language}
        theme={theme === 'dark' ? 'weft-dark' : 'weft-light'}
        onChange={(text) => onChange?.(text ?? '')}
        onMount={onMount}
        loading={null}
        options={{
          readOnly,
          ariaLabel: props.ariaLabel,
          placeholder: props.placeholder,
          minimap: { enabled: false },
          lineNumbers: language === 'json' && maxLines > 3 ? 'on' : 'off',
          lineNumbersMinChars: 3,
          glyphMargin: false,
          folding: language === 'json' && maxLines > 3,
          lineDecorationsWidth: 6,
          scrollBeyondLastLine: false,
          wordWrap: language === 'cel' ? 'on' : 'off',
          renderLineHighlight: 'none',
          overviewRulerLanes: 0,
          overviewRulerBorder: false,
          hideCursorInOverviewRuler: true,
          scrollbar: {
            alwaysConsumeMouseWheel: false,
            useShadows: false,
            vertical: language === 'cel' ? 'hidden' : 'auto',
            verticalScrollbarSize: 8,
            horizontalScrollbarSize: 8,
          },
          fixedOverflowWidgets: true,
          automaticLayout: true,
          fontSize: 12.5,
          lineHeight,
          padding: { top: 5, bottom: 5 },
          tabSize: 2,
          quickSuggestions: language === 'cel' ? { other: true, strings: false, comments: false } : true,
          suggestOnTriggerCharacters: true,
          contextmenu: true,
          stickyScroll: { enabled: false },
        }}
      />
    </div>
  );
}

const lineHeight = 19;
const padding = 10;

function applyMarkers(editor: StandaloneEditor, markers: NonNullable<CodeEditorProps['markers']>) {
  const model = editor.getModel();
  if (!model) return;
  const length = model.getValueLength();
  const data: Monaco.editor.IMarkerData[] = markers.map((m) => {
    const start = model.getPositionAt(Math.min(m.start ?? 0, length));
    const end = model.getPositionAt(Math.max(Math.min(m.end ?? length, length), (m.start ?? 0) + 1));
    return {
      severity: monaco.MarkerSeverity.Error,
      message: m.message,
      startLineNumber: start.lineNumber,
      startColumn: start.column,
      endLineNumber: end.lineNumber,
      endColumn: end.column,
    };
  });
  monaco.editor.setModelMarkers(model, 'weft', data);
}

/** The app's theme (`<html data-theme>`), followed live. */
const readTheme = (): 'light' | 'dark' =>
  document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light';

function useDocumentTheme(): 'light' | 'dark' {
  const [theme, setTheme] = useState(readTheme);
  useEffect(() => {
    const observer = new MutationObserver(() => setTheme(readTheme()));
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });
    return () => observer.disconnect();
  }, []);
  return theme;
}
