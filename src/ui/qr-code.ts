const svgNs = 'http://www.w3.org/2000/svg'

/**
 * `text` as a QR code, drawn as one SVG path from uqr's module matrix (no markup parsed, no script, nothing
 * fetched: fine under the app's Content-Security-Policy). Dark modules on white with a 4-module quiet zone, as
 * scanners expect whatever the theme. uqr (8 KB gzipped) loads with the first QR code, not with the page.
 */
export async function qrCode(text: string, label: string): Promise<SVGSVGElement> {
  const { encode } = await import('uqr')
  const { data, size } = encode(text, { ecc: 'M', border: 4 })
  let path = ''
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`
    })
  })
  const svg = document.createElementNS(svgNs, 'svg')
  svg.setAttribute('viewBox', `0 0 ${size} ${size}`)
  svg.setAttribute('class', 'qr-code')
  svg.setAttribute('role', 'img')
  svg.setAttribute('aria-label', label)
  svg.setAttribute('shape-rendering', 'crispEdges')
  const background = document.createElementNS(svgNs, 'rect')
  background.setAttribute('width', String(size))
  background.setAttribute('height', String(size))
  background.setAttribute('fill', '#ffffff')
  const modules = document.createElementNS(svgNs, 'path')
  modules.setAttribute('d', path)
  modules.setAttribute('fill', '#000000')
  svg.append(background, modules)
  return svg
}
