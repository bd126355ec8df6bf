/**
 * Cold load: a doc of 20,000 map entries (written as 1,000 transactions of 20, like a
 * shop's history) is loaded by a fresh client; measured from its connect() until it holds
 * every entry (not merely its `sync` event: the reference answers `sync` before its
 * leveldb load finishes, and sends the entries as a broadcast when it does).
 *
 * yuzu and reference (both persist): populate through a client until a second client holds
 * every entry (the server has applied them all), wait until the data dir is quiet (nothing
 * written for 500 ms: y-leveldb stores each update through an asynchronous queue, so the echo
 * comes before the write), stop the server (SIGTERM; the reference's handler also drains
 * y-leveldb's queue and closes the db), start it again on the same dir, load. 5 times, the
 * same wait and a restart before each load. A load that ends with fewer entries fails.
 * warmLoadMs: a second fresh client while the first is still connected, so the doc is in the
 * server's memory (the reference drops a doc from memory when its last client leaves).
 *
 * reference-memory (informational): it keeps nothing across a restart, so its line loads
 * from memory on a fresh server populated by one client (mode says so).
 */
import { setImmediate as nextTurn } from 'node:timers/promises';
import * as Y from 'yjs';
import { connectClient, countAddedKeys, docUntil, synced } from '../lib/client.ts';
import { epochNow, round2 } from '../lib/clock.ts';
import { progress, scaled } from '../lib/config.ts';
import { cpuMs, memory } from '../lib/proc.ts';
import { compareOn, figure, type Figures, type Scenario } from '../lib/scenario.ts';
import {
	dataDirMb,
	dataDirQuiet,
	persists,
	removeDataDir,
	startServer,
	type BenchServer,
	type ServerKind
} from '../lib/server.ts';
import { median, ratio } from '../lib/stats.ts';
import { withTimeout } from '../lib/wait.ts';

const doc = 'inventory';
const entriesPerTransaction = 20;
/** Loads measured, each after its own restart for Yuzu; the median is reported. */
const repetitions = 5;
const loadTimeoutMs = 120_000;
/** After `sync` the client holds what the server has: missing entries past this are lost. */
const graceAfterSyncMs = 10_000;

export const coldload: Scenario = {
	name: 'coldload',
	target: { metric: 'loadMs', max: 0.75 },
	run,
	compare(yuzu, reference) {
		return compareOn(
			{
				loadMs: ratio(figure(yuzu, 'loadMs'), figure(reference, 'loadMs')),
				syncEventMs: ratio(figure(yuzu, 'syncEventMs'), figure(reference, 'syncEventMs')),
				warmLoadMs: ratio(figure(yuzu, 'warmLoadMs'), figure(reference, 'warmLoadMs')),
				serverCpuMs: ratio(figure(yuzu, 'serverCpuMs'), figure(reference, 'serverCpuMs'))
			},
			this.target
		);
	}
};

async function run(kind: ServerKind): Promise<Figures> {
	const entries = scaled(20_000);
	let server = await startServer(kind);
	const loads: Load[] = [];
	/** A second fresh client right after, while the doc is in the server's memory. */
	const warmLoads: Load[] = [];
	const restarts: number[] = [];
	/** How long the data dir took to go quiet before each stop. */
	const quietWaits: number[] = [];
	let dataMb = 0;
	try {
		progress(`coldload/${kind}: populating ${entries} entries`);
		const populateMs = await server.watch(populate(server, entries));
		for (let rep = 0; rep < repetitions; rep++) {
			if (persists(kind)) {
				const { dataDir, params } = server;
				quietWaits.push(await server.watch(dataDirQuiet(dataDir)));
				dataMb = dataDirMb(dataDir);
				await server.stop();
				server = await startServer(kind, { dataDir, token: params.token });
				restarts.push(server.startMs);
			}
			progress(`coldload/${kind}: load ${rep + 1}/${repetitions}`);
			const first = await server.watch(load(server, entries));
			try {
				const second = await server.watch(load(server, entries));
				second.close();
				loads.push(first);
				warmLoads.push(second);
			} finally {
				first.close();
			}
		}
		return {
			mode: {
				yuzu: 'restart: server stopped and started on the same DATA_DIR before each load',
				reference:
					'restart: server stopped and started on the same YPERSISTENCE leveldb dir before each load',
				'reference-memory':
					'no restart (in-memory reference keeps nothing): fresh server populated by one client, loaded from memory by fresh clients'
			}[kind],
			entries,
			repetitions,
			loadMs: round2(median(loads.map((l) => l.loadMs))),
			samplesMs: loads.map((l) => round2(l.loadMs)),
			syncEventMs: round2(median(loads.map((l) => l.syncEventMs))),
			warmLoadMs: round2(median(warmLoads.map((l) => l.loadMs))),
			serverCpuMs: round2(median(loads.map((l) => l.serverCpuMs))),
			populateMs: round2(populateMs),
			...(restarts.length > 0
				? {
						restartMs: round2(median(restarts)),
						quietWaitMs: round2(median(quietWaits)),
						quietWaitSamplesMs: quietWaits.map(round2),
						dataDirMb: dataMb
					}
				: {}),
			serverRssMb: memory(server.pid).rssMb
		};
	} finally {
		await server.stop();
		removeDataDir(server.dataDir);
	}
}

/** One client writes the entries; a second one confirms the server holds them all. */
async function populate(server: BenchServer, entries: number): Promise<number> {
	const writerDoc = new Y.Doc();
	const checkerDoc = new Y.Doc();
	const writer = connectClient(server, doc, writerDoc);
	const checker = connectClient(server, doc, checkerDoc);
	const counted = countAddedKeys(checkerDoc.getMap('units'));
	try {
		await Promise.all([synced(writer, 30_000), synced(checker, 30_000)]);
		const start = epochNow();
		const units = writerDoc.getMap('units');
		for (let i = 0; i < entries; i += entriesPerTransaction) {
			writerDoc.transact(() => {
				for (let j = i; j < Math.min(entries, i + entriesPerTransaction); j++) {
					const code = `R-${String(j).padStart(5, '0')}`;
					units.set(code, { code, model: `m-${j % 97}`, addedAt: 1_700_000_000_000 + j });
				}
			});
			await nextTurn();
		}
		await docUntil(checkerDoc, () => counted.count >= entries, loadTimeoutMs, 'population');
		return epochNow() - start;
	} finally {
		counted.stop();
		writer.destroy();
		checker.destroy();
		writerDoc.destroy();
		checkerDoc.destroy();
	}
}

interface Load {
	loadMs: number;
	syncEventMs: number;
	serverCpuMs: number;
	/** Disconnects the client that loaded. */
	close(): void;
}

/** A fresh client connects and holds every entry; it stays connected until `close()`. */
async function load(server: BenchServer, entries: number): Promise<Load> {
	const fresh = new Y.Doc();
	const units = fresh.getMap('units');
	const cpuBefore = cpuMs(server.pid);
	const start = epochNow();
	const provider = connectClient(server, doc, fresh);
	let syncEventMs = Number.NaN;
	const onSync = (state: boolean): void => {
		if (state && Number.isNaN(syncEventMs)) syncEventMs = epochNow() - start;
	};
	provider.on('sync', onSync);
	try {
		// Y.Map.size walks the map: check it only when a transaction lands, which is rare here.
		const complete = docUntil(
			fresh,
			() => units.size >= entries,
			loadTimeoutMs,
			`${entries} entries`
		);
		complete.catch(() => {}); // awaited below; a late rejection after a failure is not news
		const afterSync = synced(provider, loadTimeoutMs).then(() =>
			withTimeout(complete, graceAfterSyncMs, 'entries after sync').catch(() => {
				throw new Error(`client synced but holds ${units.size} of ${entries} entries`);
			})
		);
		afterSync.catch(() => {});
		await Promise.race([complete, afterSync]);
		const loadMs = epochNow() - start;
		const serverCpuMs = cpuMs(server.pid) - cpuBefore;
		provider.off('sync', onSync);
		const close = (): void => {
			provider.destroy();
			fresh.destroy();
		};
		return { loadMs, syncEventMs, serverCpuMs, close };
	} catch (error) {
		provider.off('sync', onSync);
		provider.destroy();
		fresh.destroy();
		throw error;
	}
}
