import type { PlainRequest, PlainResponse } from '../protocol'

/** Where request paths are resolved; nothing is ever fetched from it. */
const playgroundOrigin = 'http://localhost'

/** Response bodies are cut here: the page shows them, and a runaway body must not fill the tab's memory. */
const maxBodyChars = 1_000_000

/** A real `Request` from plain data; throws the platform's TypeError for a bad method or header. */
export function buildRequest(plain: PlainRequest): Request {
  const path = plain.path.startsWith('/') ? plain.path : `/${plain.path}`
  const bodyless = /^(GET|HEAD)$/i.test(plain.method)
  return new Request(new URL(path, playgroundOrigin), {
    method: plain.method,
    headers: plain.headers.map(([name, value]): [string, string] => [name, value]),
    ...(bodyless || plain.body === undefined ? {} : { body: plain.body }),
  })
}

/** Reads a `Response` to the end as plain data. */
export async function readResponse(response: Response): Promise<PlainResponse> {
  const text = await response.text()
  const headers: [string, string][] = []
  response.headers.forEach((value, name) => {
    headers.push([name, value])
  })
  return {
    status: response.status,
    statusText: response.statusText,
    headers,
    body:
      text.length > maxBodyChars
        ? `${text.slice(0, maxBodyChars)}… [${text.length - maxBodyChars} more characters]`
        : text,
  }
}
