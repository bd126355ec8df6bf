/** The real server as a child process, for tests that kill it. */
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { waitFor } from './wait.ts';

const root = path.resolve(import.meta.dirname, '../..');

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

export interface ServerProcess {
	child: ChildProcess;
	port: number;
	output(): string;
	/** SIGKILL: no flush, no goodbye. */
	kill9(): Promise<void>;
	stop(): Promise<void>;
}

export async function spawnServer(dataDir: string, port?: number): Promise<ServerProcess> {
	const chosen = port ?? (await freePort());
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(chosen),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			APP_DIR: ''
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let log = '';
	child.stdout!.on('data', (d) => (log += d));
	child.stderr!.on('data', (d) => (log += d));
	const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
	await waitFor(
		async () => {
			if (child.exitCode !== null) throw new Error(`server exited: ${log}`);
			const res = await fetch(`http://127.0.0.1:${chosen}/healthz`);
			return res.ok;
		},
		{ timeoutMs: 20_000, intervalMs: 50, message: 'the server to answer /healthz' }
	);
	return {
		child,
		port: chosen,
		output: () => log,
		async kill9() {
			child.kill('SIGKILL');
			await exited;
		},
		async stop() {
			if (child.exitCode !== null) return;
			child.kill('SIGTERM');
			await exited;
		}
	};
}
