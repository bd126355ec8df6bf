/**
 * Measures the customer chat page `/c/<token>` as a phone on a rural link loads it: the
 * JavaScript it loads (gzip) and the time until its composer is usable. Builds nothing: run
 * `npm run build` first, then `npm run measure:customer`. Prints one JSON line.
 *
 * - Starts the built server (`build/yuzu-server.js`) on a free port with a temporary DATA_DIR,
 *   makes the owner, a customer with one rental and their link (tests/e2e/chat-seed.ts).
 * - Loads the link in Chromium with a phone viewport and Lighthouse's mobile network
 *   ("Slow 4G": 1.6 Mbps down, 750 kbps up, 150 ms round trip) through CDP; CPU slowdown from
 *   `CPU_SLOWDOWN` (default 1, Lighthouse mobile uses 4).
 * - JavaScript: every script response of the page, gzipped here with zlib (level 9, as the
 *   adapter precompresses), and the bytes the network actually carried (brotli when offered).
 * - Ready: `performance.now()` when `data-ready="true"` appears (hydrated, thread loaded from
 *   IndexedDB, composer enabled), measured in the page from navigation start.
 * - Cold (empty browser) and warm (a reload: HTTP and service worker caches) loads, and what
 *   the service worker keeps on the phone for offline use.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium } from '@playwright/test';
import type { BrowserContext, Page } from '@playwright/test';
import { seedChatCustomer } from '../e2e/chat-seed.ts';

const root = path.resolve(import.meta.dirname, '../..');
const SETUP_CODE = 'MEASURE';
const PHONE = { width: 390, height: 844 };
/** Lighthouse's mobile throttling ("Slow 4G"), in bytes per second and ms. */
const NETWORK = {
	name: 'Slow 4G (1.6 Mbps down, 750 kbps up, 150 ms RTT)',
	downloadThroughput: (1.6 * 1024 * 1024) / 8,
	uploadThroughput: (750 * 1024) / 8,
	latency: 150
};
const CPU_SLOWDOWN = Number(process.env.CPU_SLOWDOWN ?? 1);

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const probe = net.createServer();
		probe.once('error', reject);
		probe.listen(0, '127.0.0.1', () => {
			const { port } = probe.address() as net.AddressInfo;
			probe.close(() => resolve(port));
		});
	});
}

async function until<T>(what: string, fn: () => Promise<T | null>, timeoutMs = 20_000) {
	const started = Date.now();
	for (;;) {
		const value = await fn().catch(() => null);
		if (value !== null) return value;
		if (Date.now() - started > timeoutMs) throw new Error(`timed out: ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
}

async function startServer(dataDir: string) {
	const port = await freePort();
	const child = spawn(process.execPath, ['build/yuzu-server.js'], {
		cwd: root,
		env: {
			...process.env,
			PORT: String(port),
			HOST: '127.0.0.1',
			DATA_DIR: dataDir,
			YUZU_SETUP_CODE: SETUP_CODE
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const base = `http://127.0.0.1:${port}`;
	try {
		await until('server up', async () => ((await fetch(`${base}/healthz`)).ok ? true : null));
	} catch (error) {
		child.kill('SIGKILL');
		throw new Error(`${(error as Error).message}\n${output}`);
	}
	return { base, stop: () => child.kill('SIGTERM') };
}

async function api<T>(base: string, method: string, url: string, body?: unknown, token?: string) {
	const response = await fetch(`${base}${url}`, {
		method,
		headers: {
			'content-type': 'application/json',
			...(token ? { authorization: `Bearer ${token}` } : {})
		},
		body: body === undefined ? undefined : JSON.stringify(body)
	});
	if (!response.ok)
		throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
	return (await response.json()) as T;
}

/** The owner, a customer with a rental, and the customer's link path. */
async function seed(base: string): Promise<string> {
	const owner = { name: '店主', pin: '2468' };
	await api(base, 'POST', '/api/setup', { code: SETUP_CODE, ...owner });
	const { token } = await api<{ token: string }>(base, 'POST', '/api/login', {
		...owner,
		device: 'measure'
	});
	const customerId = await seedChatCustomer(base, token, '测量用顾客');
	const link = await api<{ path: string }>(
		base,
		'POST',
		`/api/customers/${customerId}/link`,
		{},
		token
	);
	return link.path;
}

interface Load {
	scripts: number;
	jsBytes: number;
	jsGzipBytes: number;
	jsTransferBytes: number;
	readyMs: number;
}

/** One navigation: the script responses it got and when the page said it was ready. */
async function load(page: Page, context: BrowserContext, url: string, reload: boolean) {
	const cdp = await context.newCDPSession(page);
	await cdp.send('Network.enable');
	await cdp.send('Network.emulateNetworkConditions', { offline: false, ...NETWORK });
	if (CPU_SLOWDOWN > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
	const scriptIds = new Set<string>();
	let transfer = 0;
	cdp.on('Network.responseReceived', (event) => {
		if (event.type === 'Script') scriptIds.add(event.requestId);
	});
	cdp.on('Network.loadingFinished', (event) => {
		if (scriptIds.has(event.requestId)) transfer += event.encodedDataLength;
	});
	const bodies: Promise<Buffer | null>[] = [];
	const onResponse = (response: import('@playwright/test').Response) => {
		if (response.request().resourceType() === 'script')
			bodies.push(response.body().catch(() => null));
	};
	page.on('response', onResponse);
	if (reload) await page.reload();
	else await page.goto(url);
	await page.waitForSelector('[data-ready="true"]', { timeout: 120_000 });
	const readyMs = await page.evaluate(() => (window as unknown as { __readyAt: number }).__readyAt);
	await page.waitForLoadState('networkidle');
	page.off('response', onResponse);
	await cdp.detach();
	const files = (await Promise.all(bodies)).filter((body): body is Buffer => body !== null);
	const gzip = (body: Buffer) => zlib.gzipSync(body, { level: 9 }).length;
	return {
		scripts: files.length,
		jsBytes: files.reduce((sum, body) => sum + body.length, 0),
		jsGzipBytes: files.reduce((sum, body) => sum + gzip(body), 0),
		jsTransferBytes: transfer,
		readyMs: Math.round(readyMs)
	} satisfies Load;
}

/** What the service worker keeps for offline use, gzipped, from the built files. */
async function offlineCache(page: Page): Promise<{ files: number; gzipBytes: number }> {
	const paths = await page.evaluate(async () => {
		const out: string[] = [];
		for (const key of await caches.keys()) {
			const cache = await caches.open(key);
			for (const request of await cache.keys()) out.push(new URL(request.url).pathname);
		}
		return out;
	});
	let gzipBytes = 0;
	for (const pathname of paths) {
		const file = path.join(root, 'build/client', pathname);
		if (existsSync(file) && !file.endsWith('/'))
			gzipBytes += zlib.gzipSync(readFileSync(file), { level: 9 }).length;
	}
	return { files: paths.length, gzipBytes };
}

/**
 * Records when the page marks itself ready, from navigation start. A string, not a function:
 * tsx's esbuild wraps functions in a `__name` helper that does not exist in the page.
 */
const readyProbe = `
	new MutationObserver((_, observer) => {
		if (!document.querySelector('[data-ready="true"]')) return;
		window.__readyAt = performance.now();
		observer.disconnect();
	}).observe(document, { subtree: true, attributes: true, childList: true });
`;

async function main(): Promise<void> {
	if (!existsSync(path.join(root, 'build/yuzu-server.js')))
		throw new Error('No build: run `npm run build` first');
	const dataDir = mkdtempSync(path.join(os.tmpdir(), 'yuzu-measure-'));
	const server = await startServer(dataDir);
	const browser = await chromium.launch({
		executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-quic']
	});
	try {
		const linkPath = await seed(server.base);
		const context = await browser.newContext({
			viewport: PHONE,
			locale: 'zh-CN',
			timezoneId: 'Asia/Shanghai',
			serviceWorkers: 'allow'
		});
		await context.addInitScript({ content: readyProbe });
		const page = await context.newPage();
		const url = `${server.base}${linkPath}`;
		const cold = await load(page, context, url, false);
		await page.evaluate(async () => {
			await navigator.serviceWorker.ready;
		});
		await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
		// Give the worker a moment to keep what the page named (it fetches from the HTTP cache).
		await page.waitForTimeout(1_000);
		const warm = await load(page, context, url, true);
		const offline = await offlineCache(page);
		await context.close();
		console.log(
			JSON.stringify({
				page: '/c/<token>',
				network: NETWORK.name,
				cpuSlowdown: CPU_SLOWDOWN,
				cold,
				warm,
				offlineCache: offline
			})
		);
	} finally {
		await browser.close();
		server.stop();
		rmSync(dataDir, { recursive: true, force: true });
	}
}

await main();
