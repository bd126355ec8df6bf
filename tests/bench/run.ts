/**
 * `npm run bench`: the Yuzu sync server against the reference @y/websocket-server 0.1.1.
 *
 * Three servers, each measured on every scenario (lib/server.ts):
 * - `reference`: the baseline. @y/websocket-server 0.1.1 with its own persistence: env
 *   YPERSISTENCE=<a fresh temp dir per start> binds y-leveldb to every doc, so it keeps a
 *   shop's data as Yuzu does. Every ratio and `met` is judged against this one.
 * - `reference-memory`: the same server without YPERSISTENCE (docs in memory only). An
 *   informational line (`informational` says so); no target is judged on it.
 * - `yuzu`: server/main.ts with a fresh DATA_DIR, no web app and a staff token.
 * All run as child processes started the same way (`node --import tsx`, 127.0.0.1, a free
 * port, ready when GET /healthz answers 200; the reference's /healthz also names its
 * persistence dir, checked at start). Clients are stock y-websocket 3.1 providers. The
 * server's own CPU is utime+stime from /proc/<pid>/stat sampled around each measurement
 * (all its threads, so leveldb's too); RSS is VmRSS from /proc/<pid>/status.
 *
 * Scenarios (counts shrink with BENCH_SCALE=0.1; pick some with --only=fanout,ledger):
 * - fanout: 1 writer + 20 readers in a separate process, 5,000 updates on `ledger`, each its
 *   own transaction, as fast as the writer can (burst), then 1,000 at 200/s (paced).
 *   updates/s, latency p50/p99 (reader clock minus the writer's stamp in the entry), server
 *   CPU µs per delivery (updates × readers). Target: CPU per delivery ≤ 0.25× reference (burst).
 *   Also `serverCpuSettledUsPerDelivery` (informational): CPU until the server is idle again,
 *   so writes a server queues behind the deliveries (y-leveldb's) are counted too.
 * - rooms: 200 `thread:` docs × 2 clients (one side per process), each with one offline
 *   message, all connecting at once; time until every client holds both messages, server
 *   RSS with the 400 sockets open. Target: RSS ≤ 0.75× reference.
 * - catchup: 5,000 changes made offline, then connect; time until a client in another
 *   process holds them all (median of 5 fresh docs). Target: ≤ 0.75× reference.
 * - coldload: 20,000 map entries; the server is stopped (SIGTERM) once its data dir is quiet
 *   and started again on the same dir (Yuzu's DATA_DIR, the reference's leveldb), then a fresh
 *   client connects: time until it holds every entry (median of 5 restarts). reference-memory
 *   keeps nothing across a restart, so its line loads the doc from memory on a fresh server
 *   (its `mode` says so). Target: ≤ 0.75× reference.
 * - inventory: no server. The pure inventory functions over the large demo shop (2,000 units):
 *   search latency p50/p99 while queries are typed key by key (`buildSearchIndex` built once,
 *   its time reported), and the time to derive every status and the service-due list. One
 *   line, judged against a budget (`budget`, `met`: search p99 within a 16 ms frame).
 * - ledger: no server. Three years of a shop (2,000 units, 30,000 rentals, ~100,000 money
 *   entries, 3,000 customers, 300 reservations, ~40 rentals open) written into one `ledger`
 *   Y.Doc by the app's ledger writers. For the full doc, for the working set DESIGN.md keeps in
 *   `ledger` (customers, reservations, open rentals, rentals settled in the last 30 days: the
 *   older facts deleted as the archive would move them), and for that working set written
 *   afresh (no tombstones): docBytes, load from the server's SQLite store (one snapshot row) into
 *   a fresh doc, and the derivations (readLedger, rentals, reservations, balances, unit statuses,
 *   conflicts), each part, medians of 5. Budget: working set load + derive within 200 ms.
 *
 * Output: one JSON line per scenario per server, then one line per scenario with the
 * yuzu/reference `ratio`s, the `target` and whether it is `met`, and under `informational`
 * the yuzu/reference-memory ratios. Progress goes to stderr. Exit code 1 if a scenario failed
 * on any server. BENCH_VERBOSE=1 shows the servers' logs; BENCH_YUZU_ENTRY=
 * tests/bench/reference-server.ts runs the persistent reference as `yuzu` too, to check the
 * harness itself (every ratio should then be near 1).
 */
import { progress } from './lib/config.ts';
import type { Figures, Scenario } from './lib/scenario.ts';
import { killAllChildren } from './lib/process.ts';
import type { ServerKind } from './lib/server.ts';
import { catchup } from './scenarios/catchup.ts';
import { coldload } from './scenarios/coldload.ts';
import { fanout } from './scenarios/fanout.ts';
import { inventory, type LocalScenario } from './scenarios/inventory.ts';
import { ledger } from './scenarios/ledger.ts';
import { rooms } from './scenarios/rooms.ts';

const scenarios: Scenario[] = [fanout, rooms, catchup, coldload];
/** Scenarios that measure this process alone, once, against a budget. */
const localScenarios: LocalScenario[] = [inventory, ledger];
/** The whole run stops itself after this long, whatever hangs. */
const runTimeoutMs = Number(process.env.BENCH_TIMEOUT_MS ?? 40 * 60_000);

function selected(argv: readonly string[]): { server: Scenario[]; local: LocalScenario[] } {
	const flag = argv.find((arg) => arg.startsWith('--only='));
	if (flag === undefined) return { server: scenarios, local: localScenarios };
	const names = flag.slice('--only='.length).split(',').filter(Boolean);
	const all = [...scenarios, ...localScenarios].map((s) => s.name);
	const unknown = names.filter((name) => !all.includes(name));
	if (unknown.length > 0) {
		throw new Error(`Unknown scenario ${unknown.join(', ')}: use --only=${all.join(',')}`);
	}
	return {
		server: scenarios.filter((s) => names.includes(s.name)),
		local: localScenarios.filter((s) => names.includes(s.name))
	};
}

function print(line: object): void {
	process.stdout.write(`${JSON.stringify(line)}\n`);
}

/** What each server's line says about itself. */
const labels: Record<ServerKind, object> = {
	reference: { persistence: 'y-leveldb (YPERSISTENCE)' },
	'reference-memory': {
		persistence: 'none (in memory)',
		informational: 'no target is judged on this line'
	},
	yuzu: {}
};

async function measure(scenario: Scenario, kind: ServerKind): Promise<Figures | null> {
	try {
		const figures = await scenario.run(kind);
		print({ scenario: scenario.name, server: kind, ...labels[kind], ...figures });
		return figures;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		progress(`${scenario.name}/${kind} failed: ${message}`);
		print({ scenario: scenario.name, server: kind, error: message.split('\n')[0] });
		return null;
	}
}

/** Runs a local scenario once; prints its line with the budget and whether it was met. */
async function measureLocal(scenario: LocalScenario): Promise<boolean> {
	try {
		const figures = await scenario.run();
		const value = figures[scenario.budget.metric];
		const met = typeof value === 'number' && value <= scenario.budget.maxMs;
		print({
			scenario: scenario.name,
			server: 'in-process',
			...figures,
			budget: scenario.budget,
			met
		});
		return true;
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		progress(`${scenario.name} failed: ${message}`);
		print({ scenario: scenario.name, server: 'in-process', error: message.split('\n')[0] });
		return false;
	}
}

async function main(): Promise<number> {
	let failed = false;
	const chosen = selected(process.argv.slice(2));
	for (const scenario of chosen.local) {
		if (!(await measureLocal(scenario))) failed = true;
	}
	for (const scenario of chosen.server) {
		const reference = await measure(scenario, 'reference');
		const memory = await measure(scenario, 'reference-memory');
		const yuzu = await measure(scenario, 'yuzu');
		if (memory === null) failed = true;
		const informational =
			memory !== null && yuzu !== null
				? { against: 'reference-memory', ratio: scenario.compare(yuzu, memory).ratio }
				: null;
		if (reference === null || yuzu === null) {
			failed = true;
			print({
				scenario: scenario.name,
				against: 'reference',
				ratio: null,
				target: scenario.target,
				met: false,
				informational
			});
			continue;
		}
		print({
			scenario: scenario.name,
			against: 'reference',
			...scenario.compare(yuzu, reference),
			informational
		});
	}
	return failed ? 1 : 0;
}

const watchdog = setTimeout(() => {
	progress(`the whole run exceeded ${runTimeoutMs} ms: stopping`);
	killAllChildren();
	process.exit(2);
}, runTimeoutMs);
watchdog.unref();
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		killAllChildren();
		process.exit(130);
	});
}
process.on('exit', killAllChildren);
// A wait abandoned because its scenario already failed may reject later: log it, carry on.
process.on('unhandledRejection', (reason) => {
	progress(`late failure (ignored): ${reason instanceof Error ? reason.message : String(reason)}`);
});

main().then(
	(code) => {
		killAllChildren();
		process.exit(code);
	},
	(error: unknown) => {
		progress(error instanceof Error ? error.message : String(error));
		killAllChildren();
		process.exit(1);
	}
);
