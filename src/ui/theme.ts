import { h } from './dom'

/** The learner's theme choice; `system` follows the operating system. */
export type ThemeSetting = 'light' | 'dark' | 'system'

const media = () => window.matchMedia('(prefers-color-scheme: dark)')

/** The theme actually shown for a setting. */
export function resolveTheme(setting: ThemeSetting): 'light' | 'dark' {
  if (setting === 'system') return media().matches ? 'dark' : 'light'
  return setting
}

/**
 * A button cycling light -> dark -> system; applies the theme to <html> and tells `onChange` (to persist it and
 * to restyle the editor), also when the system theme flips while `system` is chosen.
 */
export function mountThemeToggle(
  root: HTMLElement,
  deps: { initial: ThemeSetting; onChange: (setting: ThemeSetting, shown: 'light' | 'dark') => void },
): void {
  let setting = deps.initial
  const button = h('button', { type: 'button', class: 'theme-toggle' })
  const apply = () => {
    const shown = resolveTheme(setting)
    document.documentElement.dataset.theme = shown
    button.textContent = { light: '☀ Light', dark: '☾ Dark', system: '◐ System' }[setting]
    button.setAttribute('aria-label', `Theme: ${setting}. Change theme`)
    deps.onChange(setting, shown)
  }
  button.addEventListener('click', () => {
    setting = setting === 'light' ? 'dark' : setting === 'dark' ? 'system' : 'light'
    apply()
  })
  media().addEventListener('change', () => setting === 'system' && apply())
  root.append(button)
  apply()
}
