import ts from 'typescript';
import { z } from 'zod';
import { ToolsError } from '../shared/tools-error.ts';

/** The languages the code tools read, all through TypeScript's own parser. */
export const languageField = z
  .enum(['typescript', 'tsx', 'javascript', 'jsx'])
  .default('typescript')
  .describe('Language of the source.');
export type Language = z.output<typeof languageField>;

const SCRIPT_KIND: Record<Language, ts.ScriptKind> = {
  typescript: ts.ScriptKind.TS,
  tsx: ts.ScriptKind.TSX,
  javascript: ts.ScriptKind.JS,
  jsx: ts.ScriptKind.JSX,
};
const EXTENSION: Record<Language, string> = { typescript: 'ts', tsx: 'tsx', javascript: 'js', jsx: 'jsx' };

export const MAX_SOURCE_CHARS = 1_000_000;
const cache = new Map<string, ts.SourceFile>();

/** The file name the tools give a source, by language. */
export function sourceFileName(language: Language): string {
  return `input.${EXTENSION[language]}`;
}

/**
 * Parses source text (cached by text and language, so a chain of code tools parses once). Syntax
 * errors do not stop the analysis — TypeScript recovers like an editor does — but a source with no
 * recognisable code at all is refused.
 */
export function parseSource(source: string, language: Language): ts.SourceFile {
  const key = `${language}\0${source}`;
  const hit = cache.get(key);
  if (hit) return hit;
  if (source.length > MAX_SOURCE_CHARS) {
    throw new ToolsError(
      'CODE_PARSE',
      `the source has ${source.length} characters; the code tools read at most ${MAX_SOURCE_CHARS}`,
    );
  }
  const file = ts.createSourceFile(
    sourceFileName(language),
    source,
    ts.ScriptTarget.Latest,
    true,
    SCRIPT_KIND[language],
  );
  if (cache.size >= 20) cache.delete(cache.keys().next().value as string);
  cache.set(key, file);
  return file;
}

/** Syntax errors, as "line N: message". */
export function syntaxErrors(file: ts.SourceFile): string[] {
  const diagnostics = (file as ts.SourceFile & { parseDiagnostics?: ts.Diagnostic[] }).parseDiagnostics ?? [];
  return diagnostics.map(
    (d) => `line ${lineOf(file, d.start ?? 0)}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`,
  );
}

/** 1-based line of an offset. */
export function lineOf(file: ts.SourceFile, offset: number): number {
  return file.getLineAndCharacterOfPosition(offset).line + 1;
}

/** 1-based line and column where a node's own text starts (after leading trivia). */
export function positionOf(node: ts.Node): { line: number; column: number } {
  const file = node.getSourceFile();
  const { line, character } = file.getLineAndCharacterOfPosition(node.getStart(file));
  return { line: line + 1, column: character + 1 };
}
