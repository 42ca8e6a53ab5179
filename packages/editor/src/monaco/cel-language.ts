import type * as Monaco from 'monaco-editor/editor';

/** Names a completion list offers in CEL editors: the scope variables and the state keys of the graph. */
export interface CelCompletionSource {
  stateKeys(): readonly string[];
}

const FUNCTIONS = [
  'size',
  'has',
  'int',
  'uint',
  'double',
  'string',
  'bool',
  'bytes',
  'type',
  'dyn',
  'matches',
  'contains',
  'startsWith',
  'endsWith',
  'exists',
  'exists_one',
  'all',
  'map',
  'filter',
  'timestamp',
  'duration',
];
const VARIABLES = ['state', 'input', 'output', 'visit', 'error'];

/**
 * Registers the `cel` language: Monarch highlighting (keywords, strings, numbers, operators, the scope
 * variables) and completion of variables, functions and `state.<key>`.
 */
export function registerCel(monaco: typeof Monaco, source: CelCompletionSource): void {
  if (monaco.languages.getLanguages().some((l) => l.id === 'cel')) return;
  monaco.languages.register({ id: 'cel', aliases: ['CEL', 'cel'] });
  monaco.languages.setLanguageConfiguration('cel', {
    brackets: [
      ['(', ')'],
      ['[', ']'],
      ['{', '}'],
    ],
    autoClosingPairs: [
      { open: '(', close: ')' },
      { open: '[', close: ']' },
      { open: '{', close: '}' },
      { open: "'", close: "'", notIn: ['string'] },
      { open: '"', close: '"', notIn: ['string'] },
    ],
  });
  monaco.languages.setMonarchTokensProvider('cel', {
    keywords: ['true', 'false', 'null', 'in'],
    variables: VARIABLES,
    functions: FUNCTIONS,
    tokenizer: {
      root: [
        [/[rR]?"""/, 'string', '@tripleDouble'],
        [/[rR]?'''/, 'string', '@tripleSingle'],
        [/[rR]?"([^"\\]|\\.)*"/, 'string'],
        [/[rR]?'([^'\\]|\\.)*'/, 'string'],
        [/0x[0-9a-fA-F]+u?/, 'number.hex'],
        [/\d+\.\d*([eE][-+]?\d+)?|\.\d+([eE][-+]?\d+)?|\d+[eE][-+]?\d+/, 'number.float'],
        [/\d+u?/, 'number'],
        [
          /[a-zA-Z_]\w*/,
          {
            cases: {
              '@keywords': 'keyword',
              '@variables': 'variable.predefined',
              '@functions': 'support.function',
              '@default': 'identifier',
            },
          },
        ],
        [/\/\/.*$/, 'comment'],
        [/[=!<>]=?|&&|\|\||[-+*/%?:!]/, 'operator'],
        [/[()[\]{}.,]/, 'delimiter'],
        [/\s+/, 'white'],
      ],
      tripleDouble: [
        [/"""/, 'string', '@pop'],
        [/./, 'string'],
      ],
      tripleSingle: [
        [/'''/, 'string', '@pop'],
        [/./, 'string'],
      ],
    },
  } as Monaco.languages.IMonarchLanguage);
  monaco.languages.registerCompletionItemProvider('cel', {
    triggerCharacters: ['.'],
    provideCompletionItems(model, position) {
      const word = model.getWordUntilPosition(position);
      const range = {
        startLineNumber: position.lineNumber,
        endLineNumber: position.lineNumber,
        startColumn: word.startColumn,
        endColumn: word.endColumn,
      };
      const before = model.getLineContent(position.lineNumber).slice(0, word.startColumn - 1);
      const Kind = monaco.languages.CompletionItemKind;
      if (/\bstate\.$/.test(before)) {
        return {
          suggestions: source.stateKeys().map((key) => ({
            label: key,
            kind: Kind.Field,
            insertText: key,
            detail: 'state key',
            range,
          })),
        };
      }
      if (before.endsWith('.')) return { suggestions: [] };
      return {
        suggestions: [
          ...VARIABLES.map((v) => ({ label: v, kind: Kind.Variable, insertText: v, range })),
          ...FUNCTIONS.map((f) => ({ label: f, kind: Kind.Function, insertText: f, range })),
        ],
      };
    },
  });
}
