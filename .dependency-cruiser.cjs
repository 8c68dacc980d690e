// The import directions AuthLab keeps (npm run lint:imports, run by npm run lint and CI). Each rule is one seam:
// page layers import downwards only (ui -> lesson -> editor | grader client | storage -> content), code that
// runs learner modules in a worker imports nothing of the page, nothing imports main.ts, and the app never
// depends on tooling. Type-only imports count: a type is coupling too.

/**
 * Code that runs in a worker beside learner code: the sandbox (but for its page-side client, its timing policy
 * and its protocol), the engines and the worker entry points.
 */
const workerSide =
  '^src/(sandbox/(?!(client|private-worker|timing|protocol)[.]ts$)|grader/engine/|playground/engine/|grader/worker[.]ts$|playground/playground-worker[.]ts$)'

/** Page-side clients that own a worker; never imported by what runs inside one. */
const pageClients =
  '^src/(sandbox/(client|private-worker)[.]ts|grader/(client|cross-check-result)[.]ts|playground/playground-client[.]ts)$'

module.exports = {
  forbidden: [
    {
      name: 'no-import-of-main',
      comment: 'main.ts wires the app together; nothing imports it.',
      severity: 'error',
      from: {},
      to: { path: '^src/main[.]ts$' },
    },
    {
      name: 'worker-code-imports-no-page',
      comment:
        'The sandbox, the grader and playground engines and worker entry points run beside learner code: they import nothing of the page (ui, lesson, editor, storage, content, page-side clients).',
      severity: 'error',
      from: { path: workerSide },
      to: { path: [`^src/(ui|lesson|editor|storage|content)/`, pageClients] },
    },
    {
      name: 'content-imports-no-app-layer',
      comment:
        'content (manifest schema, catalogue, verdict rule) is the bottom layer: it imports no other part of src.',
      severity: 'error',
      from: { path: '^src/content/' },
      to: { path: '^src/', pathNot: '^src/content/' },
    },
    {
      name: 'storage-imports-only-content',
      comment:
        'storage keeps data; it decides with the content rules and knows nothing of views, editor or grader.',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: { path: '^src/', pathNot: '^src/(storage|content)/' },
    },
    {
      name: 'editor-imports-no-page-above-it',
      comment:
        'The editor layer (Monaco wiring) knows content types only; views and the lesson use it, not the reverse.',
      severity: 'error',
      from: { path: '^src/editor/' },
      to: { path: '^src/', pathNot: '^src/(editor|content)/' },
    },
    {
      name: 'grader-client-imports-no-page-above-it',
      comment:
        'The grader and playground clients sit under the lesson and the views: they never import them.',
      severity: 'error',
      from: { path: '^src/(grader|playground|sandbox)/' },
      to: { path: '^src/(ui|lesson|editor|storage)/' },
    },
    {
      name: 'lesson-imports-no-ui',
      comment: 'The lesson controller is handed its views; it never imports the DOM modules.',
      severity: 'error',
      from: { path: '^src/lesson/' },
      to: { path: '^src/ui/' },
    },
    {
      name: 'ui-imports-no-worker-code',
      comment: 'Views talk to workers through the clients, never to the code that runs inside a worker.',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: workerSide },
    },
    {
      name: 'app-imports-no-tooling',
      comment: 'The app ships to learners: it never imports scripts, tests or the benchmark.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^(scripts|tests|bench)/' },
    },
    {
      name: 'scripts-import-no-tests',
      comment:
        'The instructor commands and their shared code stand on their own; tests import them, not the reverse.',
      severity: 'error',
      from: { path: '^scripts/' },
      to: { path: '^tests/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(node_modules|dist|[.]authlab)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.json'] },
  },
}
