/**
 * Catch-up: a client makes 5,000 changes (one transaction each) while disconnected, then
 * connects; measured from its connect() until another client (in a separate process, already
 * synced) holds all 5,000. For Yuzu that also means the server stored them: it relays only
 * what is on disk. One warm-up, then 7 runs on fresh docs; the median is reported.
 */
import path from 'node:path';
import * as Y from 'yjs';
import { ClientProcess } from '../lib/child.ts';
import { connectClient } from '../lib/client.ts';
import { epochNow, round2 } from '../lib/clock.ts';
import { progress, repoRoot, scaled } from '../lib/config.ts';
import { cpuMs, memory } from '../lib/proc.ts';
import { compareOn, figure, type Figures, type Scenario } from '../lib/scenario.ts';
import { removeDataDir, startServer, type ServerKind } from '../lib/server.ts';
import { median, ratio } from '../lib/stats.ts';
import type { Delivery, ReadersRequest, Stamp } from '../protocol.ts';

/** Measured runs, after one unreported warm-up run; the median is reported. */
const repetitions = 7;
const collectMs = 120_000;

export const catchup: Scenario = {
	name: 'catchup',
	target: { metric: 'catchupMs', max: 0.75 },
	run,
	compare(yuzu, reference) {
		return compareOn(
			{
				catchupMs: ratio(figure(yuzu, 'catchupMs'), figure(reference, 'catchupMs')),
				serverCpuMs: ratio(figure(yuzu, 'serverCpuMs'), figure(reference, 'serverCpuMs'))
			},
			this.target
		);
	}
};

async function run(kind: ServerKind): Promise<Figures> {
	const updates = scaled(5_000);
	const server = await startServer(kind);
	const receiver = ClientProcess.start(path.join(repoRoot, 'tests/bench/readers.ts'));
	const times: number[] = [];
	const cpu: number[] = [];
	try {
		for (let rep = -1; rep < repetitions; rep++) {
			const room = `notes:bench-catchup-${rep + 1}`;
			const open: ReadersRequest = { type: 'open', endpoint: server, room, readers: 1 };
			await server.watch(receiver.request(open, 30_000, 'the receiver to sync'));
			const arm: ReadersRequest = { type: 'arm', map: 'facts', count: updates };
			await receiver.request(arm, 10_000, 'the receiver to arm');

			const doc = new Y.Doc();
			const facts = doc.getMap<Stamp & { kind: string; fen: number }>('facts');
			for (let i = 0; i < updates; i++) {
				facts.set(`f${i}`, { i, t: Date.now(), kind: 'payment', fen: 1_000 + i });
			}
			const label = rep < 0 ? 'warm-up' : `run ${rep + 1}/${repetitions}`;
			progress(`catchup/${kind}: ${updates} offline updates, ${label}`);
			const collect: ReadersRequest = { type: 'collect', ms: collectMs };
			const delivered = receiver.request<Delivery>(collect, collectMs + 5_000, 'catch-up');
			const cpuBefore = cpuMs(server.pid);
			const start = epochNow();
			const provider = connectClient(server, room, doc);
			try {
				const result = await server.watch(delivered);
				if (rep >= 0) {
					times.push(result.lastAt - start);
					cpu.push(cpuMs(server.pid) - cpuBefore);
				}
			} finally {
				provider.destroy();
				doc.destroy();
			}
		}
		return {
			updates,
			repetitions,
			catchupMs: round2(median(times)),
			samplesMs: times.map(round2),
			serverCpuMs: round2(median(cpu)),
			serverRssMb: memory(server.pid).rssMb
		};
	} finally {
		await receiver.stop();
		await server.stop();
		removeDataDir(server.dataDir);
	}
}
