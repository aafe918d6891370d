/**
 * `npm run lint` runs this: no runtime import cycle anywhere in the tree. A cycle of type-only imports (`import type`)
 * costs nothing at run time, so it does not count; every other cycle fails the lint.
 */
module.exports = {
  forbidden: [
    {
      name: 'no-runtime-cycle',
      severity: 'error',
      comment: 'Modules import each other at run time: break the cycle (move what both need into a third module, or import only types).',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-type-cycle',
      severity: 'warn',
      comment: 'Modules reach each other through type imports only: harmless at run time, but a knot to untie when you can.',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    // Keep `import type` visible as type-only, so the rule can tell it from a runtime import.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|docs|\\.tmp|\\.lab-cache)/' },
    enhancedResolveOptions: {
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'],
    },
  },
};
