import ts from 'typescript';
import { type FunctionFacts, indexFunctions } from './functions-index.ts';
import { positionOf } from './parse-source.ts';
import { findUnused } from './unused-variables.ts';

export type Severity = 'low' | 'medium' | 'high';

export const RULES = [
  'long-function',
  'complexity',
  'deep-nesting',
  'too-many-params',
  'unused-variable',
  'explicit-any',
  'empty-catch',
  'console-call',
  'debugger',
  'loose-equality',
  'var-declaration',
  'todo-comment',
] as const;
export type Rule = (typeof RULES)[number];

export interface Issue {
  rule: Rule;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  /** The function the issue is in, when it is in one. */
  function: string | null;
}

export interface Thresholds {
  maxLines: number;
  maxComplexity: number;
  maxNesting: number;
  maxParams: number;
}

/** Every issue of a source file, sorted by position. */
export function detectIssues(file: ts.SourceFile, limits: Thresholds, rules: ReadonlySet<Rule>): Issue[] {
  const functions = indexFunctions(file);
  const issues: Issue[] = [];
  const add = (rule: Rule, severity: Severity, message: string, at: { line: number; column: number }) => {
    if (rules.has(rule))
      issues.push({ rule, severity, message, ...at, function: enclosing(functions, at.line)?.name ?? null });
  };
  for (const fn of functions) {
    const at = { line: fn.line, column: fn.column };
    if (fn.lines > limits.maxLines) {
      add(
        'long-function',
        fn.lines > 2 * limits.maxLines ? 'high' : 'medium',
        `${fn.name} is ${fn.lines} lines long (limit ${limits.maxLines})`,
        at,
      );
    }
    if (fn.complexity > limits.maxComplexity) {
      add(
        'complexity',
        fn.complexity > 2 * limits.maxComplexity ? 'high' : 'medium',
        `${fn.name} has cyclomatic complexity ${fn.complexity} (limit ${limits.maxComplexity})`,
        at,
      );
    }
    if (fn.nesting > limits.maxNesting) {
      add(
        'deep-nesting',
        fn.nesting > limits.maxNesting + 2 ? 'high' : 'medium',
        `${fn.name} nests ${fn.nesting} levels deep (limit ${limits.maxNesting})`,
        at,
      );
    }
    if (fn.params > limits.maxParams) {
      add(
        'too-many-params',
        fn.params > limits.maxParams + 3 ? 'medium' : 'low',
        `${fn.name} takes ${fn.params} parameters (limit ${limits.maxParams})`,
        at,
      );
    }
  }
  if (rules.has('unused-variable')) {
    for (const unused of findUnused(file)) add('unused-variable', 'medium', unused.message, unused);
  }
  const visit = (node: ts.Node) => {
    checkNode(node, add);
    ts.forEachChild(node, visit);
  };
  visit(file);
  if (rules.has('todo-comment')) {
    for (const m of file.text.matchAll(/\/\/[ \t]*(TODO|FIXME|XXX|HACK)\b[^\n]*/g)) {
      const { line, character } = file.getLineAndCharacterOfPosition(m.index ?? 0);
      add('todo-comment', 'low', `unresolved ${m[1]} comment: ${m[0].slice(2).trim()}`, {
        line: line + 1,
        column: character + 1,
      });
    }
  }
  return issues.sort((a, b) => a.line - b.line || a.column - b.column || a.rule.localeCompare(b.rule));
}

type Add = (rule: Rule, severity: Severity, message: string, at: { line: number; column: number }) => void;

function checkNode(node: ts.Node, add: Add): void {
  if (node.kind === ts.SyntaxKind.AnyKeyword) {
    add(
      'explicit-any',
      'medium',
      '`any` turns type checking off here; use `unknown` or a precise type',
      positionOf(node),
    );
  } else if (ts.isCatchClause(node) && node.block.statements.length === 0 && !hasComment(node.block)) {
    add('empty-catch', 'high', 'empty catch block: the error is silently swallowed', positionOf(node));
  } else if (isConsoleCall(node)) {
    add(
      'console-call',
      'low',
      `console.${(node.expression as ts.PropertyAccessExpression).name.text} left in the code`,
      positionOf(node),
    );
  } else if (ts.isDebuggerStatement(node)) {
    add('debugger', 'high', '`debugger` statement left in the code', positionOf(node));
  } else if (ts.isBinaryExpression(node) && isLooseEquality(node)) {
    add(
      'loose-equality',
      'medium',
      `\`${node.operatorToken.getText()}\` converts types before comparing; use \`${node.operatorToken.getText()}=\``,
      positionOf(node.operatorToken),
    );
  } else if (ts.isVariableDeclarationList(node) && (node.flags & ts.NodeFlags.BlockScoped) === 0) {
    add(
      'var-declaration',
      'low',
      '`var` is function-scoped and hoisted; use `let` or `const`',
      positionOf(node),
    );
  }
}

export function isConsoleCall(node: ts.Node): node is ts.CallExpression {
  return (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    ts.isIdentifier(node.expression.expression) &&
    node.expression.expression.text === 'console'
  );
}

/** `==`/`!=`, except the `x == null` idiom that checks for null and undefined at once. */
export function isLooseEquality(node: ts.BinaryExpression): boolean {
  const op = node.operatorToken.kind;
  if (op !== ts.SyntaxKind.EqualsEqualsToken && op !== ts.SyntaxKind.ExclamationEqualsToken) return false;
  return node.left.kind !== ts.SyntaxKind.NullKeyword && node.right.kind !== ts.SyntaxKind.NullKeyword;
}

function hasComment(block: ts.Block): boolean {
  const inner = block.getSourceFile().text.slice(block.getStart() + 1, block.getEnd() - 1);
  return /\/\/|\/\*/.test(inner);
}

function enclosing(functions: FunctionFacts[], line: number): FunctionFacts | undefined {
  let best: FunctionFacts | undefined;
  for (const fn of functions) {
    if (fn.line <= line && line <= fn.endLine && (!best || fn.line >= best.line)) best = fn;
  }
  return best;
}
