// The Custom Elements Manifest (custom-elements.json) is generated from the components' TypeScript
// sources and their class-level JSDoc (@summary, @slot, @event, @csspart, @cssproperty).
export default {
  globs: ['components/**/*.ts'],
  exclude: ['**/*.test.ts', '**/*.spec.ts', '**/*.d.ts'],
  outdir: '.',
  litelement: true,
};
