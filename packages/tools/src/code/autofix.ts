import { defineTool } from '@weft/engine';
import ts from 'typescript';
import { z } from 'zod';
import { readString } from '../shared/state-path.ts';
import { isConsoleCall, isLooseEquality } from './detect-issues.ts';
import { sourceConfig } from './functions.ts';
import { isFunctionWithBody } from './functions-index.ts';
import { parseSource, positionOf } from './parse-source.ts';

export const FIXABLE = ['console-call', 'debugger', 'var-declaration', 'loose-equality'] as const;
type Fixable = (typeof FIXABLE)[number];

interface Edit {
  start: number;
  end: number;
  text: string;
  rule: Fixable;
  line: number;
}

export const codeAutofix = defineTool({
  id: 'code.autofix',
  title: 'Auto-fix',
  category: 'Code',
  description:
    'Applies the fixes that cannot change behaviour: removes console calls and `debugger` statements, turns `var` into `let` where no code uses the name before it, and `==` into `===` where both sides have the same type. Writes the new source and the list of fixes.',
  config: z.object({
    ...sourceConfig,
    rules: z
      .array(z.enum(FIXABLE))
      .default([...FIXABLE])
      .describe('Which kinds of fix to apply.'),
  }),
  reads: ['source'],
  writes: ['source', 'fixes'],
  run({ config, state }) {
    const source = readString(state, config.field, 'code.autofix');
    const file = parseSource(source, config.language);
    const edits = collectEdits(file, new Set(config.rules));
    let fixed = source;
    for (const edit of [...edits].sort((a, b) => b.start - a.start)) {
      fixed = fixed.slice(0, edit.start) + edit.text + fixed.slice(edit.end);
    }
    return {
      source: fixed,
      fixes: edits.sort((a, b) => a.line - b.line).map((e) => ({ rule: e.rule, line: e.line })),
    };
  },
});

function collectEdits(file: ts.SourceFile, rules: ReadonlySet<Fixable>): Edit[] {
  const edits: Edit[] = [];
  const visit = (node: ts.Node) => {
    if (
      rules.has('console-call') &&
      ts.isExpressionStatement(node) &&
      isConsoleCall(node.expression) &&
      inStatementList(node)
    ) {
      edits.push(removeStatement(file, node, 'console-call'));
      return;
    }
    if (rules.has('debugger') && ts.isDebuggerStatement(node) && inStatementList(node)) {
      edits.push(removeStatement(file, node, 'debugger'));
      return;
    }
    if (rules.has('var-declaration') && ts.isVariableStatement(node) && canBecomeLet(file, node)) {
      const start = node.declarationList.getStart(file);
      edits.push({
        start,
        end: start + 3,
        text: 'let',
        rule: 'var-declaration',
        line: positionOf(node).line,
      });
    }
    if (
      rules.has('loose-equality') &&
      ts.isBinaryExpression(node) &&
      isLooseEquality(node) &&
      sameTypeOperands(node)
    ) {
      const token = node.operatorToken;
      edits.push({
        start: token.getStart(file),
        end: token.getEnd(),
        text: `${token.getText(file)}=`,
        rule: 'loose-equality',
        line: positionOf(token).line,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return edits;
}

/** Removing a statement is safe only from a list of statements (not as the body of an `if`). */
function inStatementList(node: ts.Statement): boolean {
  return ts.isBlock(node.parent) || ts.isSourceFile(node.parent) || ts.isCaseOrDefaultClause(node.parent);
}

/** Removes a statement, and its whole line when nothing else is on it. */
function removeStatement(file: ts.SourceFile, node: ts.Statement, rule: Fixable): Edit {
  const text = file.text;
  let start = node.getStart(file);
  let end = node.getEnd();
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const newline = text.indexOf('\n', end);
  const lineEnd = newline < 0 ? text.length : newline;
  if (/^[ \t]*$/.test(text.slice(lineStart, start)) && /^[ \t]*$/.test(text.slice(end, lineEnd))) {
    start = lineStart;
    end = newline < 0 ? text.length : newline + 1;
  }
  return { start, end, text: '', rule, line: positionOf(node).line };
}

/**
 * `var` → `let` keeps behaviour when the statement sits directly in a function body (or the file),
 * and the names are declared only there and not mentioned before the declaration.
 */
function canBecomeLet(file: ts.SourceFile, node: ts.VariableStatement): boolean {
  const list = node.declarationList;
  if ((list.flags & ts.NodeFlags.BlockScoped) !== 0) return false;
  const scope = node.parent;
  const isFunctionBody = ts.isBlock(scope) && isFunctionWithBody(scope.parent);
  if (!isFunctionBody && !ts.isSourceFile(scope)) return false;
  const names = list.declarations.flatMap((d) => (ts.isIdentifier(d.name) ? [d.name.text] : []));
  if (names.length !== list.declarations.length) return false;
  const declStart = node.getStart(file);
  let safe = true;
  const visit = (child: ts.Node) => {
    if (!safe) return;
    if (ts.isIdentifier(child) && names.includes(child.text)) {
      const beforeDeclaration = child.getStart(file) < declStart;
      const redeclared =
        ts.isVariableDeclaration(child.parent) && child.parent.name === child && child.parent.parent !== list;
      if (beforeDeclaration || redeclared) safe = false;
    }
    ts.forEachChild(child, visit);
  };
  // The whole function: a parameter of the same name would make `let` a redeclaration error.
  visit(isFunctionBody ? scope.parent : scope);
  return safe;
}

/** `==` → `===` changes nothing when both sides are literals of one type, or one side is `typeof x`. */
function sameTypeOperands(node: ts.BinaryExpression): boolean {
  const kind = (e: ts.Expression): string | undefined => {
    if (ts.isTypeOfExpression(e)) return 'string';
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return 'string';
    if (ts.isNumericLiteral(e)) return 'number';
    if (e.kind === ts.SyntaxKind.TrueKeyword || e.kind === ts.SyntaxKind.FalseKeyword) return 'boolean';
    return undefined;
  };
  const left = kind(node.left);
  const right = kind(node.right);
  if (ts.isTypeOfExpression(node.left) || ts.isTypeOfExpression(node.right))
    return left === 'string' && right === 'string';
  return left !== undefined && left === right;
}
