/**
 * Rooms: 200 thread docs with 2 clients each (one side in this process, the other in a
 * child process), every client holding one message written offline. All 400 connect at
 * once, as tablets do when the uplink returns; converge = until every client holds both
 * messages of its room. Server RSS is read with all 400 sockets still open. Three runs,
 * each on a fresh server; each figure is their median.
 */
import path from 'node:path';
import { ClientProcess } from '../lib/child.ts';
import { epochNow, round2 } from '../lib/clock.ts';
import { progress, repoRoot, scaled } from '../lib/config.ts';
import { cpuMs, memory } from '../lib/proc.ts';
import { RoomSide } from '../lib/room-side.ts';
import { compareOn, figure, type Figures, type Scenario } from '../lib/scenario.ts';
import { removeDataDir, startServer, type ServerKind } from '../lib/server.ts';
import { median, ratio } from '../lib/stats.ts';
import type { PeersRequest } from '../protocol.ts';

const convergeTimeoutMs = 120_000;

export const rooms: Scenario = {
	name: 'rooms',
	target: { metric: 'serverRss', max: 0.75 },
	run,
	compare(yuzu, reference) {
		return compareOn(
			{
				serverRss: ratio(figure(yuzu, 'serverRssMb'), figure(reference, 'serverRssMb')),
				serverRssGrowth: ratio(
					figure(yuzu, 'serverRssGrowthMb'),
					figure(reference, 'serverRssGrowthMb')
				),
				convergeMs: ratio(figure(yuzu, 'convergeMs'), figure(reference, 'convergeMs')),
				serverCpuMs: ratio(figure(yuzu, 'serverCpuMs'), figure(reference, 'serverCpuMs'))
			},
			this.target
		);
	}
};

/** Each run on a fresh server; each figure is the median over the runs. */
const repetitions = 3;

interface RoomsRun {
	convergeMs: number;
	serverCpuMs: number;
	serverRssMb: number;
	serverIdleRssMb: number;
	serverPeakRssMb: number;
}

async function run(kind: ServerKind): Promise<Figures> {
	const roomCount = scaled(200);
	const runs: RoomsRun[] = [];
	for (let rep = 0; rep < repetitions; rep++) {
		progress(
			`rooms/${kind}: run ${rep + 1}/${repetitions}, ${roomCount} rooms × 2 clients at once`
		);
		runs.push(await runOnce(kind, roomCount));
	}
	const of = (pick: (run: RoomsRun) => number): number => round2(median(runs.map(pick)));
	return {
		rooms: roomCount,
		clientsPerRoom: 2,
		repetitions,
		convergeMs: of((r) => r.convergeMs),
		convergeSamplesMs: runs.map((r) => round2(r.convergeMs)),
		serverCpuMs: of((r) => r.serverCpuMs),
		serverRssMb: of((r) => r.serverRssMb),
		serverRssSamplesMb: runs.map((r) => r.serverRssMb),
		serverIdleRssMb: of((r) => r.serverIdleRssMb),
		serverRssGrowthMb: of((r) => r.serverRssMb - r.serverIdleRssMb),
		serverPeakRssMb: of((r) => r.serverPeakRssMb)
	};
}

async function runOnce(kind: ServerKind, roomCount: number): Promise<RoomsRun> {
	const names = Array.from({ length: roomCount }, (_, i) => `thread:bench-${i}`);
	const server = await startServer(kind);
	const peers = ClientProcess.start(path.join(repoRoot, 'tests/bench/room-peers.ts'));
	const near = new RoomSide(server, names, 'a');
	try {
		const prepare: PeersRequest = { type: 'prepare', endpoint: server, rooms: names };
		await peers.request(prepare, 30_000, 'the far side to prepare its rooms');
		const idle = memory(server.pid);
		const cpuBefore = cpuMs(server.pid);
		const start = epochNow();
		const connect: PeersRequest = { type: 'connect', ms: convergeTimeoutMs };
		const [far, nearDoneAt] = await server.watch(
			Promise.all([
				peers.request<{ doneAt: number }>(
					connect,
					convergeTimeoutMs + 5_000,
					'far side to converge'
				),
				near.connect(convergeTimeoutMs)
			])
		);
		const convergeMs = Math.max(far.doneAt, nearDoneAt) - start;
		const serverCpuMs = cpuMs(server.pid) - cpuBefore;
		const loaded = memory(server.pid);
		return {
			convergeMs,
			serverCpuMs,
			serverRssMb: loaded.rssMb,
			serverIdleRssMb: idle.rssMb,
			serverPeakRssMb: loaded.peakRssMb
		};
	} finally {
		near.close();
		await peers.stop();
		await server.stop();
		removeDataDir(server.dataDir);
	}
}
