import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

/**
 * A server's own CPU time and memory, read from /proc like `ps` does, so both servers are
 * measured the same way from outside.
 */

let ticksPerSecond: number | undefined;

/** `getconf CLK_TCK`: the unit of utime/stime in /proc/<pid>/stat (100 on these machines). */
export function clockTicksPerSecond(): number {
	if (ticksPerSecond === undefined) {
		try {
			ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
		} catch {
			ticksPerSecond = 100;
		}
		if (!Number.isFinite(ticksPerSecond) || ticksPerSecond <= 0) ticksPerSecond = 100;
	}
	return ticksPerSecond;
}

/** utime + stime (fields 14 and 15 of /proc/<pid>/stat) in milliseconds. */
export function cpuMs(pid: number): number {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// Field 2 (the command) is in parentheses and may hold spaces: count fields after its end.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	const utime = Number(fields[14 - 3]);
	const stime = Number(fields[15 - 3]);
	return ((utime + stime) * 1000) / clockTicksPerSecond();
}

export interface Memory {
	/** Resident set size now (VmRSS), MB. */
	rssMb: number;
	/** Peak resident set size since the process started (VmHWM), MB. */
	peakRssMb: number;
}

export function memory(pid: number): Memory {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kb = (key: string): number => {
		const match = new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status);
		return match ? Number(match[1]) : Number.NaN;
	};
	return {
		rssMb: Math.round(kb('VmRSS') / 10.24) / 100,
		peakRssMb: Math.round(kb('VmHWM') / 10.24) / 100
	};
}

/**
 * cpuMs(pid) once the process is idle again: no CPU tick over a `quietMs` window (bounded by
 * `maxMs`). Counts work a server defers past the moment clients have their data (a queue of
 * disk writes), which a reading taken at that moment misses.
 */
export async function cpuMsWhenIdle(pid: number, quietMs = 200, maxMs = 15_000): Promise<number> {
	const deadline = Date.now() + maxMs;
	let last = cpuMs(pid);
	for (;;) {
		await new Promise((resolve) => setTimeout(resolve, quietMs));
		const now = cpuMs(pid);
		if (now === last || Date.now() > deadline) return now;
		last = now;
	}
}
