import type { PlaygroundAction } from '../playground/protocol'
import { sampleUser } from '../playground/requests'
import { h } from './dom'

export interface ServiceCaller {
  /** Disables Call while a call is in flight. */
  setBusy(busy: boolean): void
  /** Offers the token from the latest login for getCurrentUser. */
  offerToken(token: string | undefined): void
}

type Method = 'register' | 'login' | 'current-user'

const signatures: Record<Method, string> = {
  register: 'register({ username, email, password })',
  login: 'login(username, password)',
  'current-user': 'getCurrentUser(token)',
}
let fieldCounter = 0

function input(value: string): HTMLInputElement {
  return h('input', { type: 'text', value, spellcheck: 'false', autocomplete: 'off' })
}

/** Calls the learner's AuthService methods directly: pick a method, fill its arguments, Call. */
export function mountServiceCaller(
  root: HTMLElement,
  deps: { readonly onCall: (action: PlaygroundAction) => void },
): ServiceCaller {
  let token: string | undefined
  const method = h(
    'select',
    {},
    ...(Object.keys(signatures) as Method[]).map((key) =>
      h('option', { value: key }, `auth.${signatures[key]}`),
    ),
  )
  const fields = {
    username: input(sampleUser.username),
    email: input(sampleUser.email),
    password: input(sampleUser.password),
    token: input(''),
  }
  const useToken = h('button', { type: 'button', hidden: true }, 'Use login token')
  const call = h('button', { type: 'submit', class: 'primary' }, 'Call')
  const rows = new Map<keyof typeof fields, HTMLElement>()
  for (const [name, control] of Object.entries(fields) as [keyof typeof fields, HTMLInputElement][]) {
    control.id = `pg-service-${name}-${++fieldCounter}`
    const row = h(
      'div',
      { class: 'pg-field' },
      h('label', { for: control.id }, name),
      control,
      name === 'token' ? h('div', { class: 'pg-inline' }, useToken) : null,
    )
    rows.set(name, row)
  }
  const methodId = `pg-service-method-${++fieldCounter}`
  method.id = methodId
  const uses: Record<Method, (keyof typeof fields)[]> = {
    register: ['username', 'email', 'password'],
    login: ['username', 'password'],
    'current-user': ['token'],
  }
  const sync = () => {
    const shown = uses[method.value as Method]
    for (const [name, row] of rows) row.hidden = !shown.includes(name)
  }

  const form = h(
    'form',
    { class: 'pg-form', 'aria-label': 'Service call' },
    h(
      'div',
      { class: 'pg-line' },
      h('div', { class: 'pg-field' }, h('label', { for: methodId }, 'Method'), method),
      h('div', { class: 'pg-send' }, call),
    ),
    ...rows.values(),
  )
  method.addEventListener('change', sync)
  useToken.addEventListener('click', () => {
    if (token) fields.token.value = token
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const chosen = method.value as Method
    const { username, email, password } = fields
    deps.onCall(
      chosen === 'register'
        ? {
            kind: 'register',
            input: { username: username.value, email: email.value, password: password.value },
          }
        : chosen === 'login'
          ? { kind: 'login', username: username.value, password: password.value }
          : { kind: 'current-user', token: fields.token.value.trim() },
    )
  })
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      form.requestSubmit()
    }
  })
  root.replaceChildren(h('h3', { class: 'pg-heading' }, 'Call your AuthService'), form)
  sync()

  return {
    setBusy(busy) {
      call.disabled = busy
      call.textContent = busy ? 'Calling…' : 'Call'
    },
    offerToken(next) {
      token = next
      useToken.hidden = !next
      if (next && !fields.token.value) fields.token.value = next
    },
  }
}
