/**
 * Architecture rules checked by `pnpm test`:
 * - no circular imports anywhere;
 * - the engine stays portable (browser + Node): no node: built-ins, no packages but zod and the CEL library;
 * - packages only depend "downwards": engine <- tools <- server; the editor never imports the server.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Import cycles make initialisation order fragile; split the shared piece into its own module.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'engine-no-node-builtins',
      severity: 'error',
      comment: '@weft/engine must load in the browser: no node: modules.',
      from: { path: '^packages/engine/src' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'engine-only-zod-and-cel',
      severity: 'error',
      comment: '@weft/engine depends on nothing but zod and @marcbachmann/cel-js.',
      from: { path: '^packages/engine/src', pathNot: '\\.test\\.ts$' },
      to: {
        dependencyTypes: [
          'npm',
          'npm-dev',
          'npm-optional',
          'npm-peer',
          'npm-no-pkg',
          'npm-unknown',
          'unknown',
          'undetermined',
        ],
        pathNot: 'node_modules/.*(zod|@marcbachmann/cel-js)/',
      },
    },
    {
      name: 'engine-is-the-bottom',
      severity: 'error',
      from: { path: '^packages/engine/src' },
      to: { path: '^packages/(tools|server|editor)/' },
    },
    {
      name: 'tools-below-server',
      severity: 'error',
      from: { path: '^packages/tools/src' },
      to: { path: '^packages/(server|editor)/' },
    },
    {
      name: 'editor-not-server',
      severity: 'error',
      from: { path: '^packages/editor/' },
      to: { path: '^packages/server/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(node_modules|dist|/data/)' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.mjs'],
    },
  },
};
