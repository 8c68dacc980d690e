// Type declarations of the packages an exercise may import, so the editor knows `idb` the way tsc does.
const idbTypes = import.meta.glob<string>('/node_modules/idb/build/*.d.ts', {
  query: '?raw',
  import: 'default',
  eager: true,
})

/** Declaration files keyed by the virtual path the TypeScript worker resolves `import ... from 'idb'` to. */
export const typeLibraries: Readonly<Record<string, string>> = {
  'file:///node_modules/idb/package.json': JSON.stringify({ name: 'idb', types: './build/index.d.ts' }),
  ...Object.fromEntries(
    Object.entries(idbTypes).map(([path, text]) => [
      `file://${path.replace(/^\/node_modules/, '/node_modules')}`,
      text,
    ]),
  ),
}
