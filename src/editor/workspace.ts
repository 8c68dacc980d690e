import type * as MonacoEditor from 'monaco-editor/editor'
import type { FileRole } from '../content/manifest-schema'
import type { TypeDiagnostic } from '../content/verdict'
import { changedSpan } from './changed-span'
import { learnerCompilerOptions } from './learner-typescript'
import type { Monaco } from './load-monaco'
import { typeLibraries } from './type-libraries'

/** One file as the workspace opens it. */
export interface WorkspaceFile {
  readonly path: string
  readonly role: FileRole
  readonly content: string
  /** What the editor says when the learner types into this read-only file; a default per role otherwise. */
  readonly readOnlyMessage?: string | undefined
}

/** A TypeScript problem in one of the open files, 1-based like the editor shows it. */
export type TypeProblem = TypeDiagnostic

/** The code editor for one exercise at a time: one Monaco model per file, switched like tabs. */
export interface EditorWorkspace {
  /** Replaces the open exercise; files keep their models (and undo history) when the same exercise reopens. */
  open(exerciseId: string, files: readonly WorkspaceFile[], activePath?: string): void
  /** Shows one file of the open exercise. */
  select(path: string): void
  readonly activePath: string | undefined
  /** Current text of every open file, by path. */
  contents(): Record<string, string>
  /** Replaces one file's text as an undoable edit (reset to starter, undo of a reset). */
  replace(path: string, content: string): void
  /**
   * Shows text saved elsewhere (another tab) in one file: an undoable edit of only the part that differs, so the
   * cursor stays put, and not reported to `onDidEdit` (it is not this tab's edit).
   */
  follow(path: string, content: string): void
  /** Moves the cursor to a position and shows it (from a stack frame or a type error). */
  reveal(path: string, line: number, column: number): void
  /** Type errors currently reported by the TypeScript worker for the open exercise. */
  typeProblems(): TypeProblem[]
  /**
   * Asks the TypeScript worker now (markers lag edits by a debounce) for the errors and warnings in every open
   * file, the same diagnostics `npm run grade` computes in Node.
   */
  typeCheck(): Promise<TypeProblem[]>
  onDidEdit(listener: (path: string, content: string) => void): void
  onDidChangeProblems(listener: (problems: TypeProblem[]) => void): void
  /** Ctrl/Cmd+Enter inside the editor. */
  onRunShortcut(listener: () => void): void
  /** Whether Tab moves focus out of the editor (Ctrl+M toggles it), now and on every change. */
  onTabMovesFocus(listener: (on: boolean) => void): void
  setTheme(theme: 'light' | 'dark'): void
  /**
   * Soft-wraps long lines at the editor's edge whenever fewer than `WRAP_BELOW_COLUMNS` columns fit (a phone, a
   * laptop's code column), and at every width when `always`.
   */
  setWordWrap(always: boolean): void
  setAccessibilityMode(on: boolean): void
  focus(): void
  dispose(): void
}

const isMac = /Mac|iPhone|iPad/.test(navigator.platform)

/** Below this many visible columns the editor wraps lines: starter lines are kept within 90 characters. */
export const WRAP_BELOW_COLUMNS = 100

const uriFor = (monaco: Monaco, exerciseId: string, path: string) =>
  monaco.Uri.parse(`file:///${exerciseId}/${path}`)

/** Sets the TypeScript service up with the options `npm run grade` checks with (learner-typescript.ts). */
function configureTypeScript(monaco: Monaco): void {
  const defaults = monaco.typescript.typescriptDefaults
  const { ModuleKind, ModuleResolutionKind, ScriptTarget } = monaco.typescript
  const { target, module, moduleResolution, lib, types, ...flags } = learnerCompilerOptions
  defaults.setCompilerOptions({
    ...flags,
    target: ScriptTarget[target],
    module: ModuleKind[module],
    // Monaco's enum still calls node10 by its old name
    moduleResolution:
      moduleResolution === 'node10' ? ModuleResolutionKind.NodeJs : ModuleResolutionKind.Classic,
    lib: [...lib],
    types: [...types],
    allowNonTsExtensions: true,
  })
  defaults.setEagerModelSync(true)
  for (const [path, content] of Object.entries(typeLibraries)) defaults.addExtraLib(content, path)
}

type MessageChain = string | { messageText: string; next?: MessageChain[] }

/** A diagnostic's message with its chained details on indented lines, as `ts.flattenDiagnosticMessageText` does. */
function flatten(chain: MessageChain, indent = 0): string {
  if (typeof chain === 'string') return chain
  const nested = (chain.next ?? []).map((next) => `\n${'  '.repeat(indent + 1)}${flatten(next, indent + 1)}`)
  return chain.messageText + nested.join('')
}

/** The TypeScript worker; right after models are created it can reject "TypeScript not registered!": retry. */
async function typeScriptWorker(monaco: Monaco, uris: MonacoEditor.Uri[]) {
  for (let attempt = 0; ; attempt++) {
    try {
      const worker = await monaco.typescript.getTypeScriptWorker()
      return await worker(...uris)
    } catch (error) {
      if (attempt >= 20) throw error
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
}

/** Creates the editor inside `container`. Monaco is passed in so the page can load it lazily and tests can fake it. */
export function createWorkspace(monaco: Monaco, container: HTMLElement): EditorWorkspace {
  configureTypeScript(monaco)
  // vs-dark colours below 4.5:1 on its #1E1E1E: comments (4.2:1, and they carry the TODOs) and regular
  // expressions (4.19:1); the other two are not TypeScript tokens today but cost nothing to lift
  monaco.editor.defineTheme('authlab-dark', {
    base: 'vs-dark',
    inherit: true,
    rules: [
      { token: 'comment', foreground: '8ABB75' },
      { token: 'regexp', foreground: 'D08AB5' },
      { token: 'annotation', foreground: 'D77A7A' },
      { token: 'variable.predefined', foreground: '7A98D6' },
    ],
    colors: {},
  })
  const editor = monaco.editor.create(container, {
    // no model until `open`: Monaco's default one took keys typed before the exercise's files were shown,
    // and they were lost when the file replaced it
    model: null,
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    scrollBeyondLastLine: false,
    tabSize: 2,
    fixedOverflowWidgets: true,
    wrappingIndent: 'indent',
    // the last line's number in full colour: dimmed, it falls to 1.6:1
    renderFinalNewline: 'on',
    // in an editor a few hundred pixels high a sticky class header hides lines, and is one more Tab stop
    stickyScroll: { enabled: false },
    'semanticHighlighting.enabled': true,
  })
  let wrapAlways = false
  const applyWrap = () => {
    const on = wrapAlways || editor.getLayoutInfo().viewportColumn < WRAP_BELOW_COLUMNS
    if ((editor.getOption(monaco.editor.EditorOption.wordWrap) === 'on') !== on)
      editor.updateOptions({ wordWrap: on ? 'on' : 'off' })
  }
  editor.onDidLayoutChange(applyWrap)
  const editListeners: ((path: string, content: string) => void)[] = []
  const problemListeners: ((problems: TypeProblem[]) => void)[] = []
  const viewStates = new Map<string, MonacoEditor.editor.ICodeEditorViewState | null>()
  let exerciseId = ''
  let files: readonly WorkspaceFile[] = []
  let activePath: string | undefined
  let applyingProgrammaticEdit = false

  const withoutEditEvents = (change: () => void) => {
    applyingProgrammaticEdit = true
    try {
      change()
    } finally {
      applyingProgrammaticEdit = false
    }
  }
  const modelFor = (path: string) => monaco.editor.getModel(uriFor(monaco, exerciseId, path))
  const pathOf = (model: MonacoEditor.editor.ITextModel) => model.uri.path.split('/').pop() ?? ''

  editor.onDidChangeModelContent(() => {
    const model = editor.getModel()
    if (!model || applyingProgrammaticEdit) return
    for (const listener of editListeners) listener(pathOf(model), model.getValue())
  })

  const typeProblems = (): TypeProblem[] =>
    files.flatMap((file) => {
      const model = modelFor(file.path)
      if (!model) return []
      return monaco.editor
        .getModelMarkers({ resource: model.uri })
        .filter((marker) => marker.severity >= monaco.MarkerSeverity.Warning)
        .map((marker) => ({
          path: file.path,
          line: marker.startLineNumber,
          column: marker.startColumn,
          message: marker.message,
          severity:
            marker.severity === monaco.MarkerSeverity.Error ? ('error' as const) : ('warning' as const),
        }))
    })

  monaco.editor.onDidChangeMarkers((uris) => {
    if (!uris.some((uri) => uri.path.startsWith(`/${exerciseId}/`))) return
    const problems = typeProblems()
    for (const listener of problemListeners) listener(problems)
  })

  // Monaco hands a model to the TypeScript worker only when it validates that model, so a file validated before
  // the files it imports arrived reports "Cannot find module './X'" until it is edited. Once every file of the
  // exercise is in the worker, a changed extra lib makes Monaco validate every model again.
  let revalidations = 0
  const revalidate = async (uris: MonacoEditor.Uri[]) => {
    try {
      await typeScriptWorker(monaco, uris)
    } catch {
      return
    }
    monaco.typescript.typescriptDefaults.addExtraLib(
      `// revalidation ${++revalidations}`,
      'file:///node_modules/@authlab/revalidate.d.ts',
    )
  }

  const select = (path: string) => {
    const model = modelFor(path)
    if (!model) return
    if (activePath) viewStates.set(`${exerciseId}/${activePath}`, editor.saveViewState())
    activePath = path
    editor.setModel(model)
    const file = files.find((candidate) => candidate.path === path)
    editor.updateOptions({
      readOnly: file?.role !== 'editable',
      readOnlyMessage: { value: file?.readOnlyMessage ?? readOnlyReason(file?.role) },
    })
    const state = viewStates.get(`${exerciseId}/${path}`)
    if (state) editor.restoreViewState(state)
  }

  return {
    open(id, nextFiles, preferredPath) {
      if (activePath) viewStates.set(`${exerciseId}/${activePath}`, editor.saveViewState())
      exerciseId = id
      files = nextFiles
      activePath = undefined
      for (const file of nextFiles) {
        const uri = uriFor(monaco, id, file.path)
        const model =
          monaco.editor.getModel(uri) ?? monaco.editor.createModel(file.content, 'typescript', uri)
        // a carried or provided file may have changed elsewhere since the model was made
        if (model.getValue() !== file.content) withoutEditEvents(() => model.setValue(file.content))
      }
      void revalidate(nextFiles.map((file) => uriFor(monaco, id, file.path)))
      const first = nextFiles.find((file) => file.role === 'editable') ?? nextFiles[0]
      const path = nextFiles.some((file) => file.path === preferredPath) ? preferredPath : first?.path
      if (path) select(path)
    },
    select,
    get activePath() {
      return activePath
    },
    contents: () =>
      Object.fromEntries(files.map((file) => [file.path, modelFor(file.path)?.getValue() ?? file.content])),
    replace(path, content) {
      const model = modelFor(path)
      if (!model) return
      withoutEditEvents(() =>
        model.pushEditOperations([], [{ range: model.getFullModelRange(), text: content }], () => null),
      )
      for (const listener of editListeners) listener(path, content)
    },
    follow(path, content) {
      const model = modelFor(path)
      if (!model) return
      const current = model.getValue()
      if (current === content) return
      const { start, oldEnd, newEnd } = changedSpan(current, content)
      const from = model.getPositionAt(start)
      const to = model.getPositionAt(oldEnd)
      const range = new monaco.Range(from.lineNumber, from.column, to.lineNumber, to.column)
      withoutEditEvents(() =>
        model.pushEditOperations([], [{ range, text: content.slice(start, newEnd) }], () => null),
      )
    },
    reveal(path, line, column) {
      select(path)
      editor.setPosition({ lineNumber: line, column })
      editor.revealPositionInCenter({ lineNumber: line, column })
      editor.focus()
    },
    typeProblems,
    async typeCheck() {
      const open = files.flatMap((file) => {
        const model = modelFor(file.path)
        return model ? [{ path: file.path, model }] : []
      })
      const worker = await typeScriptWorker(
        monaco,
        open.map(({ model }) => model.uri),
      )
      const perFile = await Promise.all(
        open.map(async ({ path, model }) => {
          const uri = model.uri.toString()
          const found = [
            ...(await worker.getSyntacticDiagnostics(uri)),
            ...(await worker.getSemanticDiagnostics(uri)),
          ]
          // warning = 0, error = 1; suggestions and messages are not problems
          return found
            .filter((diagnostic) => diagnostic.category === 0 || diagnostic.category === 1)
            .map((diagnostic): TypeProblem => {
              const at = model.getPositionAt(diagnostic.start ?? 0)
              return {
                path,
                line: at.lineNumber,
                column: at.column,
                message: flatten(diagnostic.messageText),
                severity: diagnostic.category === 1 ? 'error' : 'warning',
              }
            })
        }),
      )
      return perFile.flat()
    },
    onDidEdit: (listener) => void editListeners.push(listener),
    onDidChangeProblems: (listener) => void problemListeners.push(listener),
    onRunShortcut(listener) {
      editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, listener)
    },
    onTabMovesFocus(listener) {
      // Monaco keeps the mode in a global it does not publish: its own key runs the toggle, and this follows
      let on = false
      listener(on)
      const { KeyCode, KeyMod } = monaco
      const keys = isMac ? KeyMod.WinCtrl | KeyMod.Shift | KeyCode.KeyM : KeyMod.CtrlCmd | KeyCode.KeyM
      editor.addCommand(keys, () => {
        editor.trigger('keyboard', 'editor.action.toggleTabFocusMode', null)
        on = !on
        listener(on)
      })
    },
    setTheme: (theme) => monaco.editor.setTheme(theme === 'dark' ? 'authlab-dark' : 'vs'),
    setWordWrap(always) {
      wrapAlways = always
      applyWrap()
    },
    setAccessibilityMode: (on) => editor.updateOptions({ accessibilitySupport: on ? 'on' : 'auto' }),
    focus: () => editor.focus(),
    dispose() {
      for (const model of monaco.editor.getModels()) model.dispose()
      editor.dispose()
    },
  }
}

function readOnlyReason(role: FileRole | undefined): string {
  if (role === 'carried') return 'This is your file from an earlier exercise: edit it there.'
  return 'This file is provided with the exercise and is read-only.'
}
