import { execFileSync } from 'node:child_process'
import { accessSync, constants, existsSync, readFileSync } from 'node:fs'

/** Where Chromium or Chrome usually lives on Linux and macOS; `CHROMIUM_PATH` wins over all of these. */
const usualPaths = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
]

/** Flags for headless Chromium as root on a machine with no network beyond package registries. */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

const howToGetOne =
  'No Chromium found. Install Chromium or Chrome, or set CHROMIUM_PATH to its executable (e.g. CHROMIUM_PATH=/usr/bin/chromium).'

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK)
    return true
  } catch {
    return false
  }
}

/** The browser to test with: `CHROMIUM_PATH`, else the first usual location that exists; undefined if none. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH
  if (fromEnv) return fromEnv
  return usualPaths.find(isExecutable)
}

function canInstallWithApt(): boolean {
  const isRoot = process.getuid?.() === 0
  const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : ''
  return isRoot && existsSync('/usr/bin/apt-get') && /^ID(_LIKE)?=.*\b(debian|ubuntu)\b/m.test(osRelease)
}

/**
 * Finds a browser or, on a Debian/Ubuntu machine where we are root, installs the `chromium` package.
 * Throws with one line saying how to get a browser otherwise.
 */
export function ensureChromium(log: (line: string) => void = console.error): string {
  const found = findChromium()
  if (found) {
    if (!isExecutable(found)) throw new Error(`CHROMIUM_PATH=${found} is not an executable file.`)
    return found
  }
  if (!canInstallWithApt()) throw new Error(howToGetOne)
  log('No Chromium found: installing the Debian package "chromium" (apt-get)...')
  execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'] })
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  })
  const installed = findChromium()
  if (!installed) throw new Error(howToGetOne)
  return installed
}
