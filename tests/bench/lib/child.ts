import { fork, type ChildProcess } from 'node:child_process';
import { repoRoot } from './config.ts';
import { track } from './process.ts';
import { withTimeout } from './wait.ts';

/**
 * A child process that runs clients (readers, the far side of rooms), so they do not share
 * an event loop with the writer. It answers requests over IPC: { id, request } → { id, ok, … }.
 */

interface Reply {
	id: number;
	ok: boolean;
	result?: unknown;
	error?: string;
}

export class ClientProcess {
	#child: ChildProcess;
	#next = 1;
	#waiting = new Map<
		number,
		{ resolve: (value: unknown) => void; reject: (error: Error) => void }
	>();

	private constructor(child: ChildProcess) {
		this.#child = child;
		child.on('message', (message: Reply) => {
			const waiter = this.#waiting.get(message.id);
			if (!waiter) return;
			this.#waiting.delete(message.id);
			if (message.ok) waiter.resolve(message.result);
			else waiter.reject(new Error(message.error ?? 'client process failed'));
		});
		child.once('exit', (code, signal) => {
			for (const waiter of this.#waiting.values()) {
				waiter.reject(new Error(`client process exited (${code ?? signal})`));
			}
			this.#waiting.clear();
		});
	}

	/** Forks `file` (a .ts under tests/bench) through tsx; its output goes to stderr. */
	static start(file: string): ClientProcess {
		const child = fork(file, [], {
			cwd: repoRoot,
			execArgv: ['--import', 'tsx'],
			stdio: ['ignore', 'pipe', 'pipe', 'ipc']
		});
		track(child);
		child.stdout?.pipe(process.stderr);
		child.stderr?.pipe(process.stderr);
		return new ClientProcess(child);
	}

	request<T>(request: object, ms: number, what: string): Promise<T> {
		const id = this.#next++;
		const reply = new Promise<unknown>((resolve, reject) => {
			this.#waiting.set(id, { resolve, reject });
		});
		this.#child.send({ id, request });
		return withTimeout(reply, ms, what) as Promise<T>;
	}

	/** Asks the child to exit; kills it if it does not within a few seconds. */
	async stop(): Promise<void> {
		if (this.#child.exitCode !== null || this.#child.signalCode !== null) return;
		const exited = new Promise<void>((resolve) => this.#child.once('exit', () => resolve()));
		this.#child.disconnect();
		try {
			await withTimeout(exited, 5_000, 'client process to exit');
		} catch {
			this.#child.kill('SIGKILL');
		}
	}
}

/** The child side: answers each request with its handler's result. Exits when the parent goes. */
export function serveRequests(handle: (request: { type: string }) => Promise<unknown>): void {
	process.on('message', (message: { id: number; request: { type: string } }) => {
		handle(message.request).then(
			(result) => process.send?.({ id: message.id, ok: true, result }),
			(error: unknown) =>
				process.send?.({
					id: message.id,
					ok: false,
					error: error instanceof Error ? error.message : String(error)
				})
		);
	});
	process.on('disconnect', () => process.exit(0));
}
