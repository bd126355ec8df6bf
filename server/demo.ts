/**
 * `npm run demo [-- --large]`: asks the running server to fill its empty inventory with the
 * demo shop (41 models, 300 units; `--large`: 205 models, 2,000 units for benchmarks).
 *
 * It talks to the server on PORT (default 3000) as the owner, with a token signed by the secret
 * in DATA_DIR exactly as `npm run token` would, so run it with the server's environment. The
 * server writes the data into the `inventory` doc, and every tablet that is open sees it live.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadOrCreateSecret, SECRET_FILE } from './auth/secret.ts';
import { TokenSigner } from './auth/tokens.ts';
import { configFromEnv } from './config.ts';

/** Exit code for wrong arguments, as in most Unix tools. */
const EXIT_USAGE = 2;
const USAGE = 'usage: npm run demo [-- --large]';
/** How long to wait for the server to answer at all. */
const TIMEOUT_MS = 30_000;

interface DemoAnswer {
	size?: string;
	models?: number;
	units?: number;
	error?: string;
	message?: string;
}

function parseArgs(args: readonly string[]): 'shop' | 'large' | null {
	if (args.length === 0) return 'shop';
	if (args.length === 1 && args[0] === '--large') return 'large';
	return null;
}

/** The address to reach the server on this machine: a wildcard host means loopback. */
function serverUrl(host: string, port: number): string {
	const local = host === '0.0.0.0' || host === '::' || host === '' ? '127.0.0.1' : host;
	return `http://${local.includes(':') ? `[${local}]` : local}:${port}`;
}

async function post(url: string, token: string, size: string): Promise<Response> {
	return fetch(`${url}/api/demo`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ size }),
		signal: AbortSignal.timeout(TIMEOUT_MS)
	});
}

async function main(args: readonly string[]): Promise<number> {
	const size = parseArgs(args);
	if (!size) {
		process.stderr.write(`${USAGE}\n`);
		return EXIT_USAGE;
	}
	const config = configFromEnv();
	const url = serverUrl(config.host, config.port);
	// Never make a new secret here: a token signed with it would be refused, and the file would
	// sign everyone out if this dir is the one the server is about to use.
	if (!existsSync(path.join(config.dataDir, SECRET_FILE))) {
		process.stderr.write(
			`No ${SECRET_FILE} in ${config.dataDir}. Run this with the DATA_DIR the server uses ` +
				`(and start the server once first: npm run server).\n`
		);
		return 1;
	}
	const token = new TokenSigner(loadOrCreateSecret(config.dataDir)).sign({
		role: 'owner',
		sub: 'cli-owner',
		iat: Date.now()
	});
	let response: Response;
	try {
		response = await post(url, token, size);
	} catch {
		process.stderr.write(
			`No Yuzu server answers on ${url}. Start it first (npm run server, or npm start), ` +
				`then run npm run demo again; set PORT if it listens on another port.\n`
		);
		return 1;
	}
	const answer = (await response.json().catch(() => ({}))) as DemoAnswer;
	return report(response.status, answer, url, config.dataDir);
}

function report(status: number, answer: DemoAnswer, url: string, dataDir: string): number {
	if (status === 200) {
		process.stdout.write(
			`Loaded the ${answer.size === 'large' ? 'large ' : ''}demo shop into ${url}: ${answer.models} models, ` +
				`${answer.units} units. Open the app's inventory to see them.\n`
		);
		return 0;
	}
	const why =
		status === 409
			? "The shop's inventory has gear already; the demo shop only goes into an empty one."
			: status === 401 || status === 403
				? `The server refused the owner token: it does not use the secret in ${dataDir}. ` +
					'Run this with the same DATA_DIR as the server.'
				: `The server answered ${status}: ${answer.message ?? answer.error ?? 'no reason given'}.`;
	process.stderr.write(`${why}\n`);
	return 1;
}

main(process.argv.slice(2)).then(
	(code) => (process.exitCode = code),
	(error: unknown) => {
		process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
		process.exitCode = 1;
	}
);
