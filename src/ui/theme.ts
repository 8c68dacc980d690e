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
 * A menu of the three themes (system, light, dark): one choice, one visible change, where a button cycling
 * through them had a step that changed nothing on screen. Applies the theme to <html> and tells `onChange` (to
 * persist it and to restyle the editor), also when the system theme flips while `system` is chosen.
 */
export function mountThemeToggle(
  root: HTMLElement,
  deps: { initial: ThemeSetting; onChange: (setting: ThemeSetting, shown: 'light' | 'dark') => void },
): void {
  const labels: Record<ThemeSetting, string> = { system: '◐ System', light: '☀ Light', dark: '☾ Dark' }
  const select = h(
    'select',
    { class: 'theme-toggle', 'aria-label': 'Theme', title: 'Colour theme' },
    ...(Object.keys(labels) as ThemeSetting[]).map((value) => h('option', { value }, labels[value])),
  )
  select.value = deps.initial
  const apply = () => {
    const setting = select.value as ThemeSetting
    const shown = resolveTheme(setting)
    document.documentElement.dataset.theme = shown
    deps.onChange(setting, shown)
  }
  select.addEventListener('change', apply)
  media().addEventListener('change', () => select.value === 'system' && apply())
  root.append(select)
  apply()
}
