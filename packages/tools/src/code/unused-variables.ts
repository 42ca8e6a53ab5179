import ts from 'typescript';
import { positionOf } from './parse-source.ts';

/** TypeScript's "declared but never used" family of diagnostics. */
const UNUSED_CODES = new Set([6133, 6192, 6196, 6198, 6199, 6205]);

export interface UnusedDeclaration {
  name: string;
  line: number;
  column: number;
  message: string;
}

/**
 * Unused locals, imports and types, found by TypeScript's checker (`noUnusedLocals`) on the single
 * file: no lib, no module resolution, so it is fast and reads nothing from disk.
 */
export function findUnused(file: ts.SourceFile): UnusedDeclaration[] {
  const options: ts.CompilerOptions = {
    noUnusedLocals: true,
    noLib: true,
    noResolve: true,
    types: [],
    allowJs: true,
    checkJs: true,
    noEmit: true,
    target: ts.ScriptTarget.ESNext,
    jsx: ts.JsxEmit.Preserve,
  };
  const host: ts.CompilerHost = {
    getSourceFile: (name) => (name === file.fileName ? file : undefined),
    getDefaultLibFileName: () => 'lib.d.ts',
    writeFile: () => {},
    getCurrentDirectory: () => '/',
    getCanonicalFileName: (name) => name,
    useCaseSensitiveFileNames: () => true,
    getNewLine: () => '\n',
    fileExists: (name) => name === file.fileName,
    readFile: () => undefined,
  };
  const program = ts.createProgram({ rootNames: [file.fileName], options, host });
  const out: UnusedDeclaration[] = [];
  for (const d of program.getSemanticDiagnostics(file)) {
    if (!UNUSED_CODES.has(d.code) || d.start === undefined) continue;
    const node = findNodeAt(file, d.start);
    const { line, column } = node ? positionOf(node) : { line: 1, column: 1 };
    const message = ts.flattenDiagnosticMessageText(d.messageText, ' ');
    const name = /'([^']+)'/.exec(message)?.[1] ?? (node ? node.getText(file) : '?');
    out.push({ name, line, column, message });
  }
  return out;
}

function findNodeAt(file: ts.SourceFile, offset: number): ts.Node | undefined {
  let found: ts.Node | undefined;
  const visit = (node: ts.Node) => {
    if (node.getStart(file) <= offset && offset < node.getEnd()) {
      found = node;
      ts.forEachChild(node, visit);
    }
  };
  ts.forEachChild(file, visit);
  return found;
}
