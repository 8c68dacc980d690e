import { childConfig } from './child-configs.ts'

// every hidden suite through the app's grader engine, against every target
export default childConfig('grader', ['tests/exercises/grade-targets.browser.ts'])
