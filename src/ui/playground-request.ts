import type { PlainRequest } from '../playground/protocol'
import {
  formatHeaderLines,
  parseHeaderLines,
  type RequestPreset,
  requestPresets,
  withBearer,
} from '../playground/requests'
import { h } from './dom'

export interface RequestBuilder {
  /** Disables Send while a request is in flight. */
  setBusy(busy: boolean): void
  /** Offers the token from the latest login for the Authorization header (and the Profile preset). */
  offerToken(token: string | undefined): void
}

const methods = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']
let fieldCounter = 0

/** Labelled control; ids are unique per mount so several builders can coexist in tests. */
function labelled(label: string, control: HTMLElement, hint?: HTMLElement): HTMLElement {
  const id = `pg-field-${++fieldCounter}`
  control.id = id
  return h('div', { class: 'pg-field' }, h('label', { for: id }, label), control, hint)
}

/** Method, path, header lines and a JSON body, with presets for register / login / profile. */
export function mountRequestBuilder(
  root: HTMLElement,
  deps: { readonly onSend: (request: PlainRequest) => void },
): RequestBuilder {
  let token: string | undefined
  const method = h(
    'select',
    { class: 'pg-method' },
    ...methods.map((name) => h('option', { value: name }, name)),
  )
  const path = h('input', { type: 'text', class: 'pg-path', spellcheck: 'false', autocomplete: 'off' })
  const headers = h('textarea', {
    class: 'pg-code',
    rows: '3',
    spellcheck: 'false',
    placeholder: 'Name: value',
  })
  const body = h('textarea', { class: 'pg-code', rows: '5', spellcheck: 'false', placeholder: '{ }' })
  const bodyNote = h('p', { class: 'pg-note', hidden: true }, 'GET and HEAD requests carry no body.')
  const problems = h('p', { class: 'pg-problem', role: 'alert', hidden: true })
  const useToken = h(
    'button',
    {
      type: 'button',
      class: 'pg-use-token',
      hidden: true,
      title: 'Put the token from your last login in an Authorization header',
    },
    'Use login token',
  )
  const send = h('button', { type: 'submit', class: 'primary' }, 'Send')
  const presets = h('div', { class: 'pg-presets', role: 'group', 'aria-label': 'Presets' })

  const syncBody = () => {
    const bodyless = method.value === 'GET' || method.value === 'HEAD'
    body.disabled = bodyless
    bodyNote.hidden = !bodyless
  }
  const apply = (preset: RequestPreset) => {
    method.value = preset.method
    path.value = preset.path
    headers.value = formatHeaderLines(preset.headers)
    body.value = preset.body ?? ''
    syncBody()
    problems.hidden = true
  }
  const renderPresets = () =>
    presets.replaceChildren(
      h('span', { class: 'pg-presets-label', 'aria-hidden': 'true' }, 'Presets:'),
      ...requestPresets(token).map((preset) => {
        const button = h('button', { type: 'button', 'aria-label': `Preset: ${preset.label}` }, preset.label)
        button.addEventListener('click', () => apply(preset))
        return button
      }),
    )

  const form = h(
    'form',
    { class: 'pg-form', 'aria-label': 'Request' },
    presets,
    h(
      'div',
      { class: 'pg-line' },
      labelled('Method', method),
      labelled('Path', path),
      h('div', { class: 'pg-send' }, send),
    ),
    labelled('Headers', headers, h('div', { class: 'pg-inline' }, useToken)),
    labelled('Body (JSON)', body, bodyNote),
    problems,
  )
  method.addEventListener('change', syncBody)
  useToken.addEventListener('click', () => {
    if (token) headers.value = withBearer(headers.value, token)
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const parsed = parseHeaderLines(headers.value)
    const trimmedPath = path.value.trim() || '/'
    problems.hidden = parsed.problems.length === 0
    problems.textContent = parsed.problems.join('. ')
    if (parsed.problems.length) return
    deps.onSend({
      method: method.value,
      path: trimmedPath,
      headers: parsed.headers,
      ...(body.disabled ? {} : { body: body.value }),
    })
  })
  // Ctrl/Cmd+Enter sends from inside the builder instead of running the tests
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      form.requestSubmit()
    }
  })

  root.replaceChildren(h('h3', { class: 'pg-heading' }, 'Request'), form)
  renderPresets()
  const first = requestPresets(undefined)[0]
  if (first) apply(first)

  return {
    setBusy(busy) {
      send.disabled = busy
      send.textContent = busy ? 'Sending…' : 'Send'
    },
    offerToken(next) {
      token = next
      useToken.hidden = !next
      renderPresets()
    },
  }
}
