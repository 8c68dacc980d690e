/**
 * How learner code is type-checked, in tsconfig's JSON form: the editor's TypeScript worker (Monaco 0.57, TS 5.9)
 * and `npm run grade` / `npm run exercise:check` (the `typescript` package, same major.minor, in Node) both read
 * these, so the browser and CI report the same type errors. Pure data: no Monaco, no Node.
 */

/**
 * ES2022 and a Web Worker's globals, where learner code runs (the grader's and the playground's workers): `self`,
 * `crypto`, `indexedDB`, `fetch`, but no `document` or `window`, which would throw there at run time. The DOM's
 * declarations are also three times the size of the worker's, and the editor's TypeScript worker parses them
 * before its first diagnostic.
 *
 * Without the shared-memory libraries: the app is not cross-origin isolated, so there is no `SharedArrayBuffer`
 * at run time, and without its declaration `Uint8Array` means `Uint8Array<ArrayBuffer>`. Natural code then
 * type-checks, e.g. a `string | Uint8Array` secret encoded and handed to `importKey` (with the full ES2022 lib,
 * TS 5.7+ rejects that `Uint8Array<ArrayBufferLike>` as a `BufferSource`).
 */
export const learnerLib = [
  'es2016',
  'es2017.arraybuffer',
  'es2017.date',
  'es2017.intl',
  'es2017.object',
  'es2017.string',
  'es2017.typedarrays',
  'es2018.asyncgenerator',
  'es2018.asynciterable',
  'es2018.intl',
  'es2018.promise',
  'es2018.regexp',
  'es2019.array',
  'es2019.intl',
  'es2019.object',
  'es2019.string',
  'es2019.symbol',
  'es2020.bigint',
  'es2020.date',
  'es2020.intl',
  'es2020.number',
  'es2020.promise',
  'es2020.string',
  'es2020.symbol.wellknown',
  'es2021.intl',
  'es2021.promise',
  'es2021.string',
  'es2021.weakref',
  'es2022.array',
  'es2022.error',
  'es2022.intl',
  'es2022.object',
  'es2022.regexp',
  'es2022.string',
  'webworker',
  'webworker.iterable',
] as const

/** The compiler options learner files are checked with (tsconfig JSON names and values). */
export const learnerCompilerOptions = {
  target: 'ES2020',
  module: 'ESNext',
  moduleResolution: 'node10',
  lib: learnerLib,
  strict: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  isolatedModules: true,
  // no @types packages: learner code sees the DOM and the typed packages below, never Node
  types: [],
} as const

/**
 * The declarations of the packages learner code may import (`idb`), keyed by the path the checker resolves
 * `import ... from 'idb'` to: `/node_modules/idb/package.json` pointing at the entry, plus `declarationFiles`,
 * the package's own `.d.ts` files keyed by `/node_modules/idb/build/<name>.d.ts`. The editor loads those with
 * Vite, the Node checker from disk; both serve this same layout.
 */
export function typeLibraryFiles(
  declarationFiles: Readonly<Record<string, string>>,
): Readonly<Record<string, string>> {
  return {
    '/node_modules/idb/package.json': JSON.stringify({ name: 'idb', types: './build/index.d.ts' }),
    ...declarationFiles,
  }
}

/** The `.d.ts` files `typeLibraryFiles` expects, relative to the repository root. */
export const typeLibraryFolder = 'node_modules/idb/build'
