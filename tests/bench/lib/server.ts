import { bundleForNode } from './bundle.ts';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { progress, repoRoot } from './config.ts';
import { poll } from './wait.ts';
import { TsxProcess } from './process.ts';
import { epochNow } from './clock.ts';

/**
 * Which server a run measures. All run as child processes started the same way.
 * - yuzu: server/main.ts on a DATA_DIR.
 * - reference: @y/websocket-server 0.1.1 with its own persistence, y-leveldb in the
 *   YPERSISTENCE dir: the baseline every target is judged against.
 * - reference-memory: the same server without YPERSISTENCE, docs in memory only; an
 *   informational line, no target is judged on it.
 */
export type ServerKind = 'yuzu' | 'reference' | 'reference-memory';

/** The servers that keep their docs on disk, so a restart on the same dir is a real one. */
export function persists(kind: ServerKind): boolean {
	return kind !== 'reference-memory';
}

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
	/** Where it keeps its docs: Yuzu's DATA_DIR, the reference's YPERSISTENCE; empty in memory. */
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
	const dataDir = !persists(kind)
		? ''
		: (options.dataDir ??
			mkdtempSync(path.join(os.tmpdir(), kind === 'yuzu' ? 'yuzu-bench-' : 'yuzu-bench-ref-')));
	const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
	// utils.js reads YPERSISTENCE once, at module load: it must be in the child's environment.
	delete env.YPERSISTENCE;
	if (kind === 'yuzu') Object.assign(env, { DATA_DIR: dataDir, APP_DIR: '' });
	// BENCH_YUZU_ENTRY=<the reference> puts the persistent reference on both sides.
	if (kind === 'reference' || (kind === 'yuzu' && yuzuEntry === referenceEntry)) {
		env.YPERSISTENCE = dataDir;
	}

	const started = epochNow();
	const program = await bundleForNode(kind === 'yuzu' ? yuzuEntry : referenceEntry);
	const server = new TsxProcess(`${kind} server`, program, env, { tsx: false });
	let token: string | undefined;
	let startMs = 0;
	try {
		await server.watch(waitHealthy(port));
		startMs = epochNow() - started;
		if (kind === 'yuzu') token = options.token ?? (await mintToken(dataDir));
		else await checkReferencePersistence(port, kind === 'reference' ? dataDir : null);
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

/** Removes a server's data directory once no server uses it. */
export function removeDataDir(dataDir: string): void {
	if (dataDir !== '') rmSync(dataDir, { recursive: true, force: true });
}

/** Refuses a reference that does not persist where it was told to (or persists when it should not). */
async function checkReferencePersistence(port: number, expected: string | null): Promise<void> {
	const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
		signal: AbortSignal.timeout(2_000)
	});
	const body = (await response.json()) as { persistenceDir?: string | null };
	if ((body.persistenceDir ?? null) !== expected) {
		throw new Error(
			`the reference reports persistenceDir ${JSON.stringify(body.persistenceDir)}, expected ${JSON.stringify(expected)}`
		);
	}
}

/** Total bytes and latest mtime of the files under `dir`, as one comparable string. */
function dirState(dir: string): string {
	let bytes = 0;
	let mtime = 0;
	const walk = (at: string): void => {
		for (const entry of readdirSync(at, { withFileTypes: true })) {
			const full = path.join(at, entry.name);
			try {
				if (entry.isDirectory()) walk(full);
				else {
					const stat = statSync(full);
					bytes += stat.size;
					mtime = Math.max(mtime, stat.mtimeMs);
				}
			} catch {
				// a file removed between readdir and stat (a compaction): the next poll sees the change
			}
		}
	};
	walk(dir);
	return `${bytes}:${mtime}`;
}

/** Bytes the server keeps in its data directory, MB. */
export function dataDirMb(dataDir: string): number {
	if (dataDir === '') return 0;
	const bytes = Number(dirState(dataDir).split(':')[0]);
	return Math.round(bytes / 10_485.76) / 100;
}

/**
 * Resolves once nothing in `dataDir` has changed (total size, latest mtime) for `quietMs`:
 * the server has written what it was sent. Used before a restart, after a client already saw
 * every change echoed by the server: the reference's y-leveldb stores each update through an
 * asynchronous queue, so the echo comes before the write. Returns how long it waited.
 */
export async function dataDirQuiet(
	dataDir: string,
	quietMs = 500,
	maxMs = 60_000
): Promise<number> {
	const start = epochNow();
	let last = dirState(dataDir);
	let since = start;
	for (;;) {
		await new Promise((resolve) => setTimeout(resolve, 50));
		const now = epochNow();
		const state = dirState(dataDir);
		if (state !== last) {
			last = state;
			since = now;
		} else if (now - since >= quietMs) {
			return now - start;
		}
		if (now - start > maxMs) {
			throw new Error(`${dataDir} still changing after ${maxMs} ms`);
		}
	}
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
