import { defineConfig } from 'vitest/config'

// Benchmarks, not tests: each file compares a path against its alternative in the same run and
// vitest prints the ratio ("N× faster than …").
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
})
