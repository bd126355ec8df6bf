import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: servers and child processes run from here so `--import tsx` resolves. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** BENCH_SCALE=0.1 shrinks every count for a quick smoke run. */
export const scale = (() => {
	const raw = process.env.BENCH_SCALE;
	const value = raw === undefined || raw === '' ? 1 : Number(raw);
	if (!Number.isFinite(value) || value <= 0) {
		throw new Error(`BENCH_SCALE must be a positive number such as 0.1, got "${raw}"`);
	}
	return value;
})();

export function scaled(count: number): number {
	return Math.max(1, Math.round(count * scale));
}

/** Progress goes to stderr: stdout carries only the JSON lines. */
export function progress(message: string): void {
	process.stderr.write(`[bench] ${message}\n`);
}
