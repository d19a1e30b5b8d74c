/** The algorithms the verify bench covers: one per family that users meet most. */
export const BENCH_ALGS = ['HS256', 'RS256', 'ES256', 'EdDSA'] as const;
export type BenchAlg = (typeof BENCH_ALGS)[number];
