// Loaded only through the lazy code editor: Monaco and its workers land in their own chunks.
import { loader } from '@monaco-editor/react';
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/bracketMatching/register';
import 'monaco-editor/features/clipboard/register';
import 'monaco-editor/features/codelens/register';
import 'monaco-editor/features/codicon/register';
import 'monaco-editor/features/comment/register';
import 'monaco-editor/features/contextmenu/register';
import 'monaco-editor/features/dnd/register';
import 'monaco-editor/features/dropOrPasteInto/register';
import 'monaco-editor/features/find/register';
import 'monaco-editor/features/folding/register';
import 'monaco-editor/features/format/register';
import 'monaco-editor/features/hover/register';
import 'monaco-editor/features/linesOperations/register';
import 'monaco-editor/features/placeholderText/register';
import 'monaco-editor/features/suggest/register';
import 'monaco-editor/features/tokenization/register';
import 'monaco-editor/features/wordHighlighter/register';
import 'monaco-editor/languages/features/json/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import JsonWorker from 'monaco-editor/languages/features/json/json.worker?worker';
import { type CelCompletionSource, registerCel } from './cel-language.ts';

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker };
  }
}

window.MonacoEnvironment = {
  getWorker: (_id, label) => (label === 'json' ? new JsonWorker() : new EditorWorker()),
};

let stateKeys: readonly string[] = [];
const completions: CelCompletionSource = { stateKeys: () => stateKeys };

/** The state keys CEL completion offers after `state.`; the editor page keeps them current. */
export function setCelStateKeys(keys: readonly string[]): void {
  stateKeys = keys;
}

registerCel(monaco, completions);

const dark = { background: '#161a22', foreground: '#d7dce5' };
monaco.editor.defineTheme('weft-light', {
  base: 'vs',
  inherit: true,
  rules: [{ token: 'variable.predefined', foreground: '7c3aed' }],
  colors: { 'editor.background': '#ffffff', 'editorLineNumber.foreground': '#9aa3b2' },
});
monaco.editor.defineTheme('weft-dark', {
  base: 'vs-dark',
  inherit: true,
  rules: [{ token: 'variable.predefined', foreground: 'c4b5fd' }],
  colors: { 'editor.background': dark.background, 'editor.foreground': dark.foreground },
});

// @monaco-editor/react would fetch Monaco from a CDN by default; hand it the bundled one instead.
loader.config({ monaco: monaco as unknown as Parameters<typeof loader.config>[0]['monaco'] });

export { monaco };
