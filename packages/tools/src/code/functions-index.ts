import ts from 'typescript';
import { lineOf, positionOf } from './parse-source.ts';

export type FunctionKind =
  | 'function'
  | 'method'
  | 'constructor'
  | 'getter'
  | 'setter'
  | 'arrow'
  | 'function-expression';

/** A function-like node of the source with what the code tools measure about it. */
export interface FunctionFacts {
  name: string;
  kind: FunctionKind;
  line: number;
  column: number;
  endLine: number;
  lines: number;
  params: number;
  async: boolean;
  exported: boolean;
  /** McCabe cyclomatic complexity: 1 + decision points (nested functions count on their own). */
  complexity: number;
  /** Deepest nesting of control statements inside the body. */
  nesting: number;
  node: ts.FunctionLikeDeclaration;
}

const cache = new WeakMap<ts.SourceFile, FunctionFacts[]>();

/** Every function with a body, in source order. */
export function indexFunctions(file: ts.SourceFile): FunctionFacts[] {
  const hit = cache.get(file);
  if (hit) return hit;
  const out: FunctionFacts[] = [];
  const visit = (node: ts.Node) => {
    if (isFunctionWithBody(node)) out.push(describe(file, node));
    ts.forEachChild(node, visit);
  };
  visit(file);
  cache.set(file, out);
  return out;
}

export function isFunctionWithBody(node: ts.Node): node is ts.FunctionLikeDeclaration {
  return (
    (ts.isFunctionDeclaration(node) ||
      ts.isMethodDeclaration(node) ||
      ts.isConstructorDeclaration(node) ||
      ts.isGetAccessorDeclaration(node) ||
      ts.isSetAccessorDeclaration(node) ||
      ts.isArrowFunction(node) ||
      ts.isFunctionExpression(node)) &&
    node.body !== undefined
  );
}

function describe(file: ts.SourceFile, node: ts.FunctionLikeDeclaration): FunctionFacts {
  const { line, column } = positionOf(node);
  const endLine = lineOf(file, node.getEnd());
  const modifiers = ts.canHaveModifiers(node) ? (ts.getModifiers(node) ?? []) : [];
  const variableStatement = ts.isVariableDeclaration(node.parent) ? node.parent.parent?.parent : undefined;
  const exportedVariable =
    variableStatement !== undefined &&
    ts.isVariableStatement(variableStatement) &&
    (ts.getModifiers(variableStatement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
  return {
    name: functionName(node),
    kind: kindOf(node),
    line,
    column,
    endLine,
    lines: endLine - line + 1,
    params: node.parameters.length,
    async: modifiers.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword),
    exported: exportedVariable || modifiers.some((m) => m.kind === ts.SyntaxKind.ExportKeyword),
    complexity: complexityOf(node),
    nesting: nestingOf(node),
    node,
  };
}

function kindOf(node: ts.FunctionLikeDeclaration): FunctionKind {
  if (ts.isMethodDeclaration(node)) return 'method';
  if (ts.isConstructorDeclaration(node)) return 'constructor';
  if (ts.isGetAccessorDeclaration(node)) return 'getter';
  if (ts.isSetAccessorDeclaration(node)) return 'setter';
  if (ts.isArrowFunction(node)) return 'arrow';
  if (ts.isFunctionExpression(node)) return 'function-expression';
  return 'function';
}

function functionName(node: ts.FunctionLikeDeclaration): string {
  const owner = node.parent && ts.isClassLike(node.parent) ? node.parent.name?.text : undefined;
  const prefix = owner ? `${owner}.` : '';
  if (ts.isConstructorDeclaration(node)) return `${owner ?? '<class>'}.constructor`;
  if (
    node.name &&
    (ts.isIdentifier(node.name) || ts.isStringLiteral(node.name) || ts.isPrivateIdentifier(node.name))
  ) {
    return `${prefix}${node.name.text}`;
  }
  const parent = node.parent;
  if (parent && ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyAssignment(parent) && ts.isIdentifier(parent.name)) return parent.name.text;
  if (parent && ts.isPropertyDeclaration(parent) && ts.isIdentifier(parent.name))
    return `${prefix}${parent.name.text}`;
  if (parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    return parent.left.getText();
  }
  if (parent && ts.isExportAssignment(parent)) return 'default';
  return `<anonymous@${positionOf(node).line}>`;
}

const DECISIONS = new Set([
  ts.SyntaxKind.IfStatement,
  ts.SyntaxKind.ConditionalExpression,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.WhileStatement,
  ts.SyntaxKind.DoStatement,
  ts.SyntaxKind.CatchClause,
  ts.SyntaxKind.CaseClause,
]);
const LOGICAL = new Set([
  ts.SyntaxKind.AmpersandAmpersandToken,
  ts.SyntaxKind.BarBarToken,
  ts.SyntaxKind.QuestionQuestionToken,
  ts.SyntaxKind.AmpersandAmpersandEqualsToken,
  ts.SyntaxKind.BarBarEqualsToken,
  ts.SyntaxKind.QuestionQuestionEqualsToken,
]);

/** Walks a function's own body, not the bodies of functions nested in it. */
function walkOwn(fn: ts.FunctionLikeDeclaration, visit: (node: ts.Node, depth: number) => number): void {
  const step = (node: ts.Node, depth: number) => {
    if (isFunctionWithBody(node)) return;
    const next = visit(node, depth);
    ts.forEachChild(node, (child) => step(child, next));
  };
  if (fn.body) step(fn.body, 0);
}

function complexityOf(fn: ts.FunctionLikeDeclaration): number {
  let complexity = 1;
  walkOwn(fn, (node, depth) => {
    if (DECISIONS.has(node.kind)) complexity++;
    else if (ts.isBinaryExpression(node) && LOGICAL.has(node.operatorToken.kind)) complexity++;
    return depth;
  });
  return complexity;
}

const NESTING = new Set([
  ts.SyntaxKind.IfStatement,
  ts.SyntaxKind.ForStatement,
  ts.SyntaxKind.ForInStatement,
  ts.SyntaxKind.ForOfStatement,
  ts.SyntaxKind.WhileStatement,
  ts.SyntaxKind.DoStatement,
  ts.SyntaxKind.SwitchStatement,
  ts.SyntaxKind.TryStatement,
]);

function nestingOf(fn: ts.FunctionLikeDeclaration): number {
  let max = 0;
  walkOwn(fn, (node, depth) => {
    // `else if` continues the chain at the same depth, as ESLint's max-depth counts it.
    const elseIf =
      ts.isIfStatement(node) && ts.isIfStatement(node.parent) && node.parent.elseStatement === node;
    if (!NESTING.has(node.kind) || elseIf) return depth;
    max = Math.max(max, depth + 1);
    return depth + 1;
  });
  return max;
}
