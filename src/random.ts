/**
 * mulberry32: a small, fast seeded PRNG (uniform in [0, 1)). Everything that must be the same on
 * every run and every machine — dataset shuffles, the MNIST split, benchmark markets and kill times,
 * randomised test cases — draws from it. Not for anything secret.
 */
export function mulberry32 (seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6D2B79F5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), a | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
