import { spawn, type ChildProcess } from 'node:child_process';
import { repoRoot, progress } from './config.ts';
import { withTimeout } from './wait.ts';

/** SIGTERM first; SIGKILL if it has not exited after this long. */
const stopGraceMs = 5_000;
/** Lines of a child's output kept to explain a failure. */
const logLines = 60;

/** Every child the bench started, so an early exit still ends them. */
const live = new Set<ChildProcess>();

export function killAllChildren(): void {
	for (const child of live) child.kill('SIGKILL');
	live.clear();
}

export function track(child: ChildProcess): void {
	live.add(child);
	child.once('exit', () => live.delete(child));
}

/** A TypeScript program run as `node --import tsx <file>`: its pid is the program itself. */
export class TsxProcess {
	readonly child: ChildProcess;
	/** Settles when the process has exited, with its exit code. */
	readonly exited: Promise<number | null>;
	/** Rejects if the process exits before `stop()` was called. */
	readonly died: Promise<never>;
	#lines: string[] = [];
	#stopping = false;

	constructor(
		readonly label: string,
		file: string,
		env: NodeJS.ProcessEnv,
		{ tsx = true }: { tsx?: boolean } = {}
	) {
		// Servers run as plain JS bundles (as in production); helper processes through tsx.
		this.child = spawn(process.execPath, tsx ? ['--import', 'tsx', file] : [file], {
			cwd: repoRoot,
			env,
			stdio: ['ignore', 'pipe', 'pipe']
		});
		track(this.child);
		this.child.stdout?.on('data', (chunk: Buffer) => this.#keep(chunk));
		this.child.stderr?.on('data', (chunk: Buffer) => this.#keep(chunk));
		this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
		this.died = this.exited.then((code) => {
			if (this.#stopping) return new Promise<never>(() => {});
			throw new Error(`${label} died (exit ${code ?? this.child.signalCode})\n${this.log()}`);
		});
		this.died.catch(() => {}); // raced by callers; an unwatched death fails the next request
	}

	/** `promise`, but rejected at once if the process dies meanwhile (no 2-minute timeout). */
	watch<T>(promise: Promise<T>): Promise<T> {
		return Promise.race([promise, this.died]);
	}

	get running(): boolean {
		return this.child.exitCode === null && this.child.signalCode === null;
	}

	/** The last lines it printed, for error reports. */
	log(): string {
		return `--- ${this.label} output ---\n${this.#lines.join('\n')}`;
	}

	async stop(): Promise<void> {
		this.#stopping = true;
		if (!this.running) return;
		this.child.kill('SIGTERM');
		try {
			await withTimeout(this.exited, stopGraceMs, `${this.label} to exit after SIGTERM`);
		} catch {
			progress(`${this.label} ignored SIGTERM for ${stopGraceMs} ms: SIGKILL`);
			this.child.kill('SIGKILL');
			await withTimeout(this.exited, stopGraceMs, `${this.label} to exit after SIGKILL`);
		}
	}

	#keep(chunk: Buffer): void {
		for (const line of chunk.toString('utf8').split('\n')) {
			if (line === '') continue;
			this.#lines.push(line);
			if (process.env.BENCH_VERBOSE) process.stderr.write(`[${this.label}] ${line}\n`);
		}
		this.#lines.splice(0, Math.max(0, this.#lines.length - logLines));
	}
}
