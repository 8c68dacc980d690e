// Renders the app icons in public/icons/ from their SVG sources with headless Chromium (run after editing an SVG).
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium } from 'playwright'
import { chromiumArgs, findChromium } from './lib/chromium'

const icons = join(import.meta.dirname, '../public/icons')
const targets = [
  { svg: 'icon.svg', png: 'icon-192.png', size: 192 },
  { svg: 'icon.svg', png: 'icon-512.png', size: 512 },
  { svg: 'icon.svg', png: 'apple-touch-icon.png', size: 180 },
  { svg: 'maskable.svg', png: 'maskable-512.png', size: 512 },
]

const executablePath = findChromium()
const browser = await chromium.launch({ ...(executablePath ? { executablePath } : {}), args: chromiumArgs })
for (const { svg, png, size } of targets) {
  const page = await browser.newPage({ viewport: { width: size, height: size } })
  const source = readFileSync(join(icons, svg), 'utf8')
  await page.setContent(
    `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${source}`,
  )
  writeFileSync(join(icons, png), await page.screenshot({ omitBackground: true }))
  await page.close()
}
await browser.close()
