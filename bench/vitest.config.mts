import { defineConfig } from 'vitest/config'

// Benchmarks, not tests: each file compares a path against its alternative in the same run. Files
// with a goal of the speed issue record a row (bench/goals.ts); bench/table.ts prints them as one
// table at the end and keeps it in bench/RESULTS.md. One file at a time: they measure the machine.
export default defineConfig({
  test: {
    include: ['bench/**/*.bench.ts'],
    environment: 'node',
    globalSetup: ['bench/table.ts'],
    fileParallelism: false,
    testTimeout: 600_000,
    hookTimeout: 120_000,
    benchmark: { include: ['bench/**/*.bench.ts'] },
  },
})
