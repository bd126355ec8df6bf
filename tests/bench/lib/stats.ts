import { round2 } from './clock.ts';

/** Nearest-rank percentile of already sorted values; NaN for none. */
export function percentile(sorted: ArrayLike<number>, p: number): number {
	if (sorted.length === 0) return Number.NaN;
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
}

export interface LatencySummary {
	p50: number;
	p99: number;
	max: number;
	mean: number;
}

export function summarize(values: Float64Array): LatencySummary {
	const sorted = Float64Array.from(values).sort();
	let sum = 0;
	for (const v of sorted) sum += v;
	return {
		p50: round2(percentile(sorted, 50)),
		p99: round2(percentile(sorted, 99)),
		max: round2(sorted.length ? sorted[sorted.length - 1] : Number.NaN),
		mean: round2(sorted.length ? sum / sorted.length : Number.NaN)
	};
}

export function median(values: readonly number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	if (sorted.length === 0) return Number.NaN;
	const mid = sorted.length >> 1;
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** yuzu / reference, rounded; null when either side is missing or the reference is zero. */
export function ratio(yuzu: number | undefined, reference: number | undefined): number | null {
	if (yuzu === undefined || reference === undefined) return null;
	if (!Number.isFinite(yuzu) || !Number.isFinite(reference) || reference === 0) return null;
	return Math.round((yuzu / reference) * 1000) / 1000;
}
