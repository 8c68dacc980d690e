// `npx tsx bench/memory-isolation.ts`: can a memory bomb in learner code cost less than the tab? Serves a tiny page
// under the app's Content-Security-Policy and runs a large-array allocation loop (a) in a worker of the page, as
// the sandbox does today, and (b) in a worker owned by a sandboxed, opaque-origin frame
// (`<iframe sandbox="allow-scripts" srcdoc>`), which Chromium may put in a renderer process of its own. It prints
// whether the frame was out of process, whether the page lived on, and what an opaque origin may do that the
// sandbox needs (module workers, IndexedDB). The page reports to this server by fetch, so a crash cannot hide it.
// Findings: src/grader/SECURITY.md.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { chromium } from 'playwright'
import { chromiumArgs, ensureChromium } from '../scripts/lib/chromium'
import { contentSecurityPolicy } from '../vite.config'

type Where = 'page' | 'frame'

// about 1 GB a second of large arrays, never yielding: V8's heap limit in a few seconds
const bomb = 'self.onmessage = () => { const kept = []; for (;;) kept.push(new Array(1_000_000).fill(1.5)) }'
// what the sandbox's worker would need inside the frame
const probes = `
  const report = (text) => postMessage(text)
  try { const open = indexedDB.open('probe'); open.onsuccess = () => report('IndexedDB: opens'); open.onerror = () => report('IndexedDB: ' + open.error) }
  catch (error) { report('IndexedDB: ' + error.message) }
  import(URL.createObjectURL(new Blob(['export const ok = 1'], { type: 'text/javascript' })))
    .then(() => report('blob: module import: works'), (error) => report('blob: module import: ' + error.message))
`
const frameScript = `
  const log = (text) => parent.postMessage({ log: text }, '*')
  const start = (code, type) => {
    const worker = new Worker(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })), { type })
    worker.onerror = (event) => { event.preventDefault(); log(type + ' worker from blob: fails to start') }
    worker.onmessage = (event) => log(event.data)
    return worker
  }
  log('frame origin: ' + self.origin)
  start(${JSON.stringify(probes)}, 'classic')
  start(${JSON.stringify(probes)}, 'module')
  const bomb = start(${JSON.stringify(bomb)}, 'classic')
  setInterval(() => parent.postMessage({ alive: true }, '*'), 100)
  addEventListener('message', (event) => { if (event.data === 'go') bomb.postMessage('go') })
`
const pageScript = `
  const state = { frameAliveAt: 0, started: 0 }
  const send = (path) => fetch(path).catch(() => undefined)
  addEventListener('message', (event) => {
    if (event.data?.alive) state.frameAliveAt = performance.now()
    if (event.data?.log) send('/log?' + encodeURIComponent(event.data.log))
  })
  setInterval(() => send('/alive?' + encodeURIComponent(JSON.stringify({ at: performance.now(), ...state, draft: document.querySelector('textarea').value }))), 100)
  window.go = (where) => {
    state.started = performance.now()
    if (where === 'frame') document.querySelector('iframe').contentWindow.postMessage('go', '*')
    else new Worker(URL.createObjectURL(new Blob([${JSON.stringify(bomb)}], { type: 'text/javascript' }))).postMessage('go')
  }
`

interface Alive {
  readonly at: number
  readonly started: number
  readonly frameAliveAt: number
  readonly draft: string
}

async function measure(where: Where, executablePath: string) {
  const pings: Alive[] = []
  const logs: string[] = []
  const server = createServer((request, response) => {
    const [path = '', query = ''] = (request.url ?? '').split('?')
    const send = (type: string, body: string) => {
      response.writeHead(200, { 'content-type': type, 'content-security-policy': contentSecurityPolicy })
      response.end(body)
    }
    if (path === '/alive') pings.push(JSON.parse(decodeURIComponent(query)) as Alive)
    if (path === '/log') logs.push(decodeURIComponent(query))
    if (path === '/')
      send(
        'text/html',
        `<!doctype html><title>bomb</title><textarea>my draft</textarea><iframe sandbox="allow-scripts" srcdoc="&lt;script src=/frame.js&gt;&lt;/script&gt;"></iframe><script src="/page.js"></script>`,
      )
    else if (path === '/frame.js') send('text/javascript', frameScript)
    else if (path === '/page.js') send('text/javascript', pageScript)
    else response.writeHead(204).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  const browser = await chromium.launch({ executablePath, args: chromiumArgs, headless: true })
  try {
    const page = await browser.newPage()
    await page.goto(url)
    await page.waitForTimeout(1_500)
    const cdp = await browser.newBrowserCDPSession()
    const { targetInfos } = await cdp.send('Target.getTargets')
    const outOfProcess = targetInfos.some((target) => target.type === 'iframe')
    await page.evaluate((target) => (window as unknown as { go(where: string): void }).go(target), where)
    await new Promise((resolve) => setTimeout(resolve, 15_000))
    const last = pings.at(-1)
    const sinceStart = (at: number) => Math.round(at - (last?.started ?? 0))
    return {
      where,
      outOfProcess,
      pageAliveAfterMs: last ? sinceStart(last.at) : 'no ping',
      frameEndedAfterMs: where === 'frame' && last ? sinceStart(last.frameAliveAt) : undefined,
      draft: last?.draft,
      logs: [...new Set(logs)],
    }
  } finally {
    await browser.close()
    server.close()
  }
}

const executablePath = ensureChromium()
for (const where of ['page', 'frame'] as const) {
  // a ping 15 s after the bomb means the page outlived it; the last ping before then means it died with it
  console.log(JSON.stringify(await measure(where, executablePath), null, 2))
}
