import { childConfig } from '../tests/exercises/child-configs.ts'

// one exercise's hidden suite natively (Vitest browser mode, Chromium), laid out by bench/lib/native.ts
const include = (process.env.AUTHLAB_BENCH_SUITES ?? '').split(',').filter(Boolean)
if (include.length === 0)
  throw new Error('bench/native.config.ts: set AUTHLAB_BENCH_SUITES to the suite files')

export default childConfig('bench-native', include)
