/** Latency statistics for the benchmarks (ms). */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i]
}

export interface Summary {
  n: number
  p50: number
  p99: number
  mean: number
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b)
  const mean = samples.reduce((s, x) => s + x, 0) / (samples.length || 1)
  return { n: samples.length, p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean }
}

export const fmt = (ms: number): string => `${ms.toFixed(3)} ms`
