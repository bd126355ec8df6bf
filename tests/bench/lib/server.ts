import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { progress, repoRoot } from './config.ts';
import { poll } from './wait.ts';
import { TsxProcess } from './process.ts';
import { epochNow } from './clock.ts';

/** Which server a run measures. Both run as child processes started the same way. */
export type ServerKind = 'yuzu' | 'reference';

/** BENCH_YUZU_ENTRY swaps the Yuzu program (e.g. the reference, to check the harness itself). */
export const yuzuEntry = path.resolve(repoRoot, process.env.BENCH_YUZU_ENTRY || 'server/main.ts');
const referenceEntry = path.join(repoRoot, 'tests/bench/reference-server.ts');
const tokenEntry = path.join(repoRoot, 'server/token.ts');

/** How long a server may take to answer /healthz after it is spawned. */
const startTimeoutMs = 30_000;

export interface BenchServer {
	kind: ServerKind;
	port: number;
	pid: number;
	/** Empty for the reference, which keeps nothing. */
	dataDir: string;
	/** What a WebsocketProvider is given as its server URL. */
	wsUrl: string;
	/** Query parameters every provider sends (the token for Yuzu). */
	params: Record<string, string>;
	/** Milliseconds from spawn until /healthz answered 200. */
	startMs: number;
	/** The last lines the server printed, for error reports. */
	log(): string;
	/** `promise`, but rejected at once if the server dies meanwhile (no 2-minute timeout). */
	watch<T>(promise: Promise<T>): Promise<T>;
	stop(): Promise<void>;
}

export interface StartOptions {
	/** Reuse a data directory (a restart); a fresh temp dir otherwise. */
	dataDir?: string;
	/** Reuse a token minted for this data directory. */
	token?: string;
}

export async function startServer(
	kind: ServerKind,
	options: StartOptions = {}
): Promise<BenchServer> {
	if (kind === 'yuzu' && !existsSync(yuzuEntry)) {
		throw new Error(`${path.relative(repoRoot, yuzuEntry)} does not exist yet`);
	}
	const port = await freePort();
	const dataDir =
		kind === 'yuzu' ? (options.dataDir ?? mkdtempSync(path.join(os.tmpdir(), 'yuzu-bench-'))) : '';
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
	delete env.YPERSISTENCE; // the reference stays in memory
	if (kind === 'yuzu') Object.assign(env, { DATA_DIR: dataDir, APP_DIR: '' });

	const started = epochNow();
	const server = new TsxProcess(
		`${kind} server`,
		kind === 'yuzu' ? yuzuEntry : referenceEntry,
		env
	);
	let token: string | undefined;
	let startMs = 0;
	try {
		await server.watch(waitHealthy(port));
		startMs = epochNow() - started;
		if (kind === 'yuzu') token = options.token ?? (await mintToken(dataDir));
	} catch (error) {
		server.child.kill('SIGKILL');
		if (options.dataDir === undefined) removeDataDir(dataDir);
		throw new Error(`${kind} server did not start: ${(error as Error).message}\n${server.log()}`);
	}
	progress(`${kind} server up on :${port} (pid ${server.child.pid}) in ${Math.round(startMs)} ms`);
	return {
		kind,
		port,
		pid: server.child.pid!,
		dataDir,
		wsUrl: kind === 'yuzu' ? `ws://127.0.0.1:${port}/sync` : `ws://127.0.0.1:${port}`,
		params: token === undefined ? {} : { token },
		startMs,
		log: () => server.log(),
		watch: (promise) => server.watch(promise),
		stop: () => server.stop()
	};
}

/** Removes a Yuzu data directory once no server uses it. */
export function removeDataDir(dataDir: string): void {
	if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
}

async function healthy(port: number): Promise<boolean> {
	try {
		const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
			signal: AbortSignal.timeout(2_000)
		});
		await response.arrayBuffer();
		return response.status === 200;
	} catch {
		return false;
	}
}

function waitHealthy(port: number): Promise<void> {
	return poll(() => healthy(port), startTimeoutMs, `/healthz on port ${port}`);
}

/** `server/token.ts staff` prints one token line for scripts like this one. */
async function mintToken(dataDir: string): Promise<string> {
	const { stdout } = await promisify(execFile)(
		process.execPath,
		['--import', 'tsx', tokenEntry, 'staff'],
		{ cwd: repoRoot, env: { ...process.env, DATA_DIR: dataDir }, timeout: 30_000 }
	);
	const token = stdout.trim().split('\n').pop()?.trim() ?? '';
	if (token === '') throw new Error('server/token.ts staff printed no token');
	return token;
}

/** A port nobody listens on right now (the OS picks it). */
function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const address = probe.address();
			probe.close(() => {
				if (address !== null && typeof address === 'object') resolve(address.port);
				else reject(new Error('could not read the probe port'));
			});
		});
	});
}
