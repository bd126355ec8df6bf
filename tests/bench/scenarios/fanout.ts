/**
 * Fan-out: one writer and 20 readers (in a separate process) on one doc.
 *
 * burst: the writer makes 5,000 changes as fast as it can, one transaction each and
 * yielding to the event loop between them (a busy tablet, each change its own frame);
 * one unreported warm-up burst, then 5 measured ones, each figure their median.
 * updates/s = updates / (first write → last reader holds all); latency = reader clock minus
 * the stamp the writer put in the entry; server CPU is its utime+stime over the burst,
 * divided by deliveries (updates × readers), read when the last reader holds the last update.
 * serverCpuSettledUsPerDelivery (informational) reads it once the server is idle again
 * (no CPU tick for 200 ms), so work it queued behind the deliveries counts too: the
 * reference's y-leveldb writes each update through an asynchronous queue. That wait also
 * keeps one burst's leftover work out of the next burst's window.
 * paced: the same at a steady `pacedRate` updates/s, for latency when nothing queues.
 */
import path from 'node:path';
import { setImmediate as nextTurn, setTimeout as sleepUntil } from 'node:timers/promises';
import * as Y from 'yjs';
import { ClientProcess } from '../lib/child.ts';
import { connectClient, synced } from '../lib/client.ts';
import { epochNow, round2 } from '../lib/clock.ts';
import { progress, repoRoot, scaled } from '../lib/config.ts';
import { cpuMs, cpuMsWhenIdle, memory } from '../lib/proc.ts';
import { compareOn, type Figures, type Scenario } from '../lib/scenario.ts';
import { removeDataDir, startServer, type BenchServer, type ServerKind } from '../lib/server.ts';
import { median, ratio } from '../lib/stats.ts';
import type { Delivery, ReadersRequest, Stamp } from '../protocol.ts';

const readerCount = 20;
const doc = 'ledger';
const pacedRate = 200;
/** Bursts measured after one warm-up; each figure is the median over them. */
const burstRepetitions = 5;

export const fanout: Scenario = {
	name: 'fanout',
	target: { metric: 'cpuPerDelivery', max: 0.25 },
	run,
	compare(yuzu, reference) {
		const y = yuzu as FanoutFigures;
		const r = reference as FanoutFigures;
		return compareOn(
			{
				cpuPerDelivery: ratio(y.burst.serverCpuUsPerDelivery, r.burst.serverCpuUsPerDelivery),
				updatesPerSec: ratio(y.burst.updatesPerSec, r.burst.updatesPerSec),
				latencyP50: ratio(y.burst.latencyMs.p50, r.burst.latencyMs.p50),
				latencyP99: ratio(y.burst.latencyMs.p99, r.burst.latencyMs.p99),
				cpuPerDeliverySettled: ratio(
					y.burst.serverCpuSettledUsPerDelivery,
					r.burst.serverCpuSettledUsPerDelivery
				),
				pacedCpuPerDelivery: ratio(y.paced.serverCpuUsPerDelivery, r.paced.serverCpuUsPerDelivery),
				pacedLatencyP50: ratio(y.paced.latencyMs.p50, r.paced.latencyMs.p50),
				pacedLatencyP99: ratio(y.paced.latencyMs.p99, r.paced.latencyMs.p99),
				serverRss: ratio(y.serverRssMb, r.serverRssMb)
			},
			this.target
		);
	}
};

interface PhaseFigures {
	updates: number;
	/** How long the writer took to make every change (the pipeline's input rate). */
	writeMs: number;
	updatesPerSec: number;
	latencyMs: Delivery['latencyMs'];
	serverCpuMs: number;
	serverCpuUsPerDelivery: number;
	/** The same, with the CPU read once the server is idle again (deferred work counted). */
	serverCpuSettledUsPerDelivery: number;
}

interface FanoutFigures extends Figures {
	burst: PhaseFigures;
	paced: PhaseFigures & { offeredPerSec: number };
	serverRssMb: number;
}

async function run(kind: ServerKind): Promise<Figures> {
	const server = await startServer(kind);
	const readers = ClientProcess.start(path.join(repoRoot, 'tests/bench/readers.ts'));
	const writerDoc = new Y.Doc();
	const writer = connectClient(server, doc, writerDoc);
	try {
		const open: ReadersRequest = {
			type: 'open',
			endpoint: server,
			room: doc,
			readers: readerCount
		};
		await server.watch(
			Promise.all([
				readers.request(open, 90_000, `${readerCount} readers to sync`),
				synced(writer, 30_000)
			])
		);
		const burstCount = scaled(5_000);
		progress(`fanout/${kind}: warm-up burst of ${scaled(1_000)} updates (not reported)`);
		await phase(server, readers, writerDoc, 'warm-up', scaled(1_000), 0);
		const bursts: PhaseFigures[] = [];
		for (let rep = 0; rep < burstRepetitions; rep++) {
			progress(`fanout/${kind}: burst ${rep + 1}/${burstRepetitions}, ${burstCount} updates`);
			bursts.push(await phase(server, readers, writerDoc, `burst-${rep}`, burstCount, 0));
		}
		const burst = medianPhase(bursts);
		const pacedCount = scaled(1_000);
		progress(`fanout/${kind}: ${pacedCount} updates paced at ${pacedRate}/s`);
		const paced = await phase(server, readers, writerDoc, 'paced', pacedCount, pacedRate);
		const figures: FanoutFigures = {
			readers: readerCount,
			burst,
			paced: { ...paced, offeredPerSec: pacedRate },
			serverRssMb: memory(server.pid).rssMb,
			serverPeakRssMb: memory(server.pid).peakRssMb
		};
		return figures;
	} finally {
		writer.destroy();
		await readers.stop();
		await server.stop();
		removeDataDir(server.dataDir);
	}
}

/** One phase: `count` writes (as fast as possible when `rate` is 0), until all readers hold them. */
async function phase(
	server: BenchServer,
	readers: ClientProcess,
	writerDoc: Y.Doc,
	mapName: string,
	count: number,
	rate: number
): Promise<PhaseFigures> {
	const map = writerDoc.getMap<Stamp>(mapName);
	const arm: ReadersRequest = { type: 'arm', map: mapName, count };
	await readers.request(arm, 10_000, 'readers to arm');
	const collectMs = 120_000 + (rate > 0 ? (count / rate) * 1000 : 0);
	const delivered = readers.request<Delivery>(
		{ type: 'collect', ms: collectMs } satisfies ReadersRequest,
		collectMs + 5_000,
		`readers to receive ${count} updates`
	);
	const cpuBefore = cpuMs(server.pid);
	const start = epochNow();
	for (let i = 0; i < count; i++) {
		if (rate > 0) {
			const wait = start + (i * 1000) / rate - epochNow();
			if (wait > 1) await sleepUntil(wait);
		}
		map.set(`k${i}`, { i, t: epochNow() });
		await nextTurn();
	}
	const writeMs = epochNow() - start;
	const result = await server.watch(delivered);
	const serverCpuMs = cpuMs(server.pid) - cpuBefore;
	const settledCpuMs = (await server.watch(cpuMsWhenIdle(server.pid))) - cpuBefore;
	return {
		updates: count,
		writeMs: round2(writeMs),
		updatesPerSec: round2((count * 1000) / (result.lastAt - start)),
		latencyMs: result.latencyMs,
		serverCpuMs: round2(serverCpuMs),
		serverCpuUsPerDelivery: round2((serverCpuMs * 1000) / result.deliveries),
		serverCpuSettledUsPerDelivery: round2((settledCpuMs * 1000) / result.deliveries)
	};
}

/** Each figure's median over the repetitions, and the per-run CPU figures to show the spread. */
function medianPhase(runs: PhaseFigures[]): PhaseFigures & { cpuUsPerDeliverySamples: number[] } {
	const of = (pick: (run: PhaseFigures) => number): number => round2(median(runs.map(pick)));
	return {
		updates: runs[0].updates,
		writeMs: of((r) => r.writeMs),
		updatesPerSec: of((r) => r.updatesPerSec),
		latencyMs: {
			p50: of((r) => r.latencyMs.p50),
			p99: of((r) => r.latencyMs.p99),
			max: of((r) => r.latencyMs.max),
			mean: of((r) => r.latencyMs.mean)
		},
		serverCpuMs: of((r) => r.serverCpuMs),
		serverCpuUsPerDelivery: of((r) => r.serverCpuUsPerDelivery),
		serverCpuSettledUsPerDelivery: of((r) => r.serverCpuSettledUsPerDelivery),
		cpuUsPerDeliverySamples: runs.map((r) => r.serverCpuUsPerDelivery)
	};
}
