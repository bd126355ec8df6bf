import path from 'node:path';

/** Everything the server reads from the environment, read in one place. */
export interface Config {
	port: number;
	host: string;
	dataDir: string;
	/** The shop's time zone for every calendar question. */
	timeZone: string;
	/** Largest WebSocket message accepted; larger closes with 4413. */
	maxMessageBytes: number;
	/** How long a doc with no connections stays in memory. */
	unloadAfterMs: number;
	/** Rows per doc past which they are merged into one snapshot. */
	compactAfterRows: number;
	/** Server pings every socket this often; a silent one is dropped after two misses. */
	pingIntervalMs: number;
	/** Directory of the built SvelteKit app (adapter-node output); absent in API-only tests. */
	appDir: string | null;
}

export const defaults: Config = {
	port: 3000,
	host: '0.0.0.0',
	dataDir: './data',
	timeZone: 'Asia/Shanghai',
	maxMessageBytes: 8 * 1024 * 1024,
	unloadAfterMs: 10_000,
	compactAfterRows: 500,
	pingIntervalMs: 5_000,
	appDir: 'build'
};

function int(value: string | undefined, fallback: number, name: string): number {
	if (value === undefined || value === '') return fallback;
	const n = Number(value);
	if (!Number.isInteger(n) || n < 0)
		throw new Error(`${name} must be a whole number, got "${value}"`);
	return n;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): Config {
	return {
		port: int(env.PORT, defaults.port, 'PORT'),
		host: env.HOST || defaults.host,
		dataDir: path.resolve(env.DATA_DIR || defaults.dataDir),
		timeZone: env.SHOP_TIME_ZONE || defaults.timeZone,
		maxMessageBytes: int(env.MAX_MESSAGE_BYTES, defaults.maxMessageBytes, 'MAX_MESSAGE_BYTES'),
		unloadAfterMs: int(env.UNLOAD_AFTER_MS, defaults.unloadAfterMs, 'UNLOAD_AFTER_MS'),
		compactAfterRows: int(env.COMPACT_AFTER_ROWS, defaults.compactAfterRows, 'COMPACT_AFTER_ROWS'),
		pingIntervalMs: int(env.PING_INTERVAL_MS, defaults.pingIntervalMs, 'PING_INTERVAL_MS'),
		appDir: env.APP_DIR === '' ? null : path.resolve(env.APP_DIR || defaults.appDir!)
	};
}
