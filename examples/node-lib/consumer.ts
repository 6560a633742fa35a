// Type-checked with `tsc --strict` against the generated app.d.ts (tests/targets-node.test.mjs).
import { mean, summarize, histogram, label, percentile_rank, checked_ratio, report, RuchyError, type Summary } from './out/app.mjs';

const m: number = mean([1, 2, 3]);
const s: Summary = summarize(new Float64Array([1, 2]));
const count: bigint = s.count;
const h: BigInt64Array = histogram([1, 2, 3], 2n);
const text: string = label({ count: 2n, mean: 1.5, min: 1, max: 2 });
const rank: number | null = percentile_rank([1], 2);
const r: bigint = checked_ratio(4, 2n);
report([1]);
const e: RuchyError | undefined = undefined;
export const all = [m, count, h, text, rank, r, e];
