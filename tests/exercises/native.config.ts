import { childConfig } from './child-configs.ts'

// every hidden suite natively, against every target: solution, starter and decoys
export default childConfig('native', ['.authlab/targets/*/*/*.test.ts'])
