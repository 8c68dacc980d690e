import type * as MonacoEditor from 'monaco-editor/editor'
import type * as MonacoTypeScript from 'monaco-editor/languages/features/typescript/register'

/** The slice of Monaco the app uses: the editor API plus the TypeScript language service defaults. */
export type Monaco = typeof MonacoEditor & { readonly typescript: typeof MonacoTypeScript }

declare global {
  interface Window {
    MonacoEnvironment?: { getWorker(workerId: string, label: string): Worker }
  }
}

let loading: Promise<Monaco> | undefined

/**
 * Loads Monaco (core editor features + TypeScript only) on first call; later calls share the same promise.
 * Kept out of the first paint: the lesson shows while this downloads.
 */
export function loadMonaco(): Promise<Monaco> {
  loading ??= (async () => {
    const [editorApi, typescript, editorWorker, tsWorker] = await Promise.all([
      import('monaco-editor/editor'),
      import('monaco-editor/languages/features/typescript/register'),
      import('monaco-editor/editor/editor.worker?worker'),
      import('monaco-editor/languages/features/typescript/ts.worker?worker'),
      import('monaco-editor/features/register.all'),
      import('monaco-editor/languages/definitions/typescript/register'),
    ])
    window.MonacoEnvironment = {
      getWorker: (_id, label) =>
        label === 'typescript' || label === 'javascript'
          ? new tsWorker.default()
          : new editorWorker.default(),
    }
    return Object.assign(Object.create(null), editorApi, { typescript }) as Monaco
  })()
  return loading
}
