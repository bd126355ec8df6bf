/**
 * Both servers run as plain JavaScript, as a shop runs Yuzu (`npm start` runs
 * the esbuild bundle, not the tsx loader, which alone adds ~36 MB of RSS).
 * Each entry is bundled once per bench run with its packages left external.
 */
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { repoRoot } from './config.ts';

const outDir = path.join(repoRoot, 'node_modules/.cache/yuzu-bench');
const bundled = new Map<string, Promise<string>>();

/** The path of a plain-JS bundle of `entry` (built on first use). */
export function bundleForNode(entry: string): Promise<string> {
	let file = bundled.get(entry);
	if (!file) {
		file = (async () => {
			mkdirSync(outDir, { recursive: true });
			const outfile = path.join(outDir, path.basename(entry).replace(/\.ts$/, '') + '.mjs');
			await build({
				entryPoints: [entry],
				bundle: true,
				platform: 'node',
				format: 'esm',
				target: 'node20',
				packages: 'external',
				outfile,
				logLevel: 'warning'
			});
			return outfile;
		})();
		bundled.set(entry, file);
	}
	return file;
}
