/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Precaches the app shell so a tablet that reloads with no network still opens
 * the app (and its local data). Never touches /api or /sync: those are live.
 *
 * A customer's phone (installed from a `/c/<token>` page) is different: it pays for rural
 * mobile data and needs only its chat page. There the worker keeps only the files the page
 * itself loaded (the page tells it which) and that page's HTML, not the whole staff app; the
 * full shell is fetched only if a staff page is ever opened in that browser.
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `yuzu-shell-${version}`;
/** Customer pages' own HTML, per link; kept across versions (it names the current build). */
const PAGES = 'yuzu-pages';
const SHELL = [...build, ...files, ...prerendered];
/** Served for any app route the cache does not hold by its own path. */
const FALLBACK = '/';
const LIVE_PREFIXES = ['/api', '/sync', '/healthz'];
/** A page that takes longer than this over a bad link is served from the cache instead. */
const NAVIGATION_TIMEOUT_MS = 4000;
/** The customer's chat pages. */
const CUSTOMER_PREFIX = '/c/';
/** A customer page asks the worker to keep itself and the files it loaded: `{ type, urls }`. */
const KEEP_MESSAGE = 'yuzu:keep';
/** Set once this worker has checked that every shell file is cached. */
let shellComplete = false;

const isCustomerPage = (pathname: string) => pathname.startsWith(CUSTOMER_PREFIX);

/** Whether every open window is a customer page: then the staff shell is not needed here. */
async function customerOnly(): Promise<boolean> {
	const windows = await sw.clients.matchAll({ type: 'window', includeUncontrolled: true });
	return windows.length > 0 && windows.every((w) => isCustomerPage(new URL(w.url).pathname));
}

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll((await customerOnly()) ? files : SHELL);
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key !== CACHE && key !== PAGES) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

/**
 * A customer page names itself and the files it loaded (they come from the HTTP cache, not
 * the network): keep them, so the page reopens offline.
 */
sw.addEventListener('message', (event) => {
	const data = event.data as { type?: unknown; urls?: unknown } | null;
	if (data?.type !== KEEP_MESSAGE || !Array.isArray(data.urls)) return;
	const paths = data.urls
		.filter((url): url is string => typeof url === 'string')
		.map((url) => new URL(url, sw.location.origin))
		.filter((url) => url.origin === sw.location.origin)
		.map((url) => url.pathname);
	event.waitUntil(
		Promise.all([
			keep(
				CACHE,
				paths.filter((path) => SHELL.includes(path))
			),
			keep(PAGES, paths.filter(isCustomerPage))
		])
	);
});

/** Fetches into `cacheName` each path it does not hold yet; offline, quietly keeps nothing. */
async function keep(cacheName: string, paths: string[]): Promise<void> {
	const cache = await caches.open(cacheName);
	for (const path of paths) {
		if (await cache.match(path)) continue;
		const response = await fetch(path).catch(() => null);
		if (response?.ok) await cache.put(path, response);
	}
}

/** The whole staff shell, once a staff page is opened where only a customer page was. */
async function completeShell(): Promise<void> {
	if (shellComplete) return;
	const cache = await caches.open(CACHE);
	const missing: string[] = [];
	for (const path of SHELL) if (!(await cache.match(path))) missing.push(path);
	await keep(CACHE, missing);
	shellComplete = missing.length === 0;
}

function isLive(url: URL): boolean {
	return LIVE_PREFIXES.some(
		(prefix) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`)
	);
}

/**
 * Network first for pages (a fresh shell after a deploy), the cached shell when
 * offline, slow or failing. Every shell boots the same client router, so the
 * `/` shell serves any app route. A customer page is kept as it is, under its own path: the
 * prerendered shells name their files relative to `/`, which a `/c/<token>` page is not.
 */
async function navigate(event: FetchEvent, url: URL): Promise<Response> {
	const customer = isCustomerPage(url.pathname);
	if (!customer) event.waitUntil(completeShell());
	try {
		const response = await fetch(event.request, {
			signal: AbortSignal.timeout(NAVIGATION_TIMEOUT_MS)
		});
		if (response.status < 500) {
			if (customer && response.ok) {
				const copy = response.clone();
				event.waitUntil(caches.open(PAGES).then((pages) => pages.put(url.pathname, copy)));
			}
			return response;
		}
		throw new Error(`HTTP ${response.status}`);
	} catch {
		const page =
			(customer ? await (await caches.open(PAGES)).match(url.pathname) : undefined) ??
			(await (await caches.open(CACHE)).match(url.pathname)) ??
			(await (await caches.open(CACHE)).match(FALLBACK));
		return page ?? Response.error();
	}
}

/** Built assets are immutable: cache first, and kept once fetched (a customer's lazy chunks). */
async function asset(event: FetchEvent, url: URL): Promise<Response> {
	const cache = await caches.open(CACHE);
	const cached = await cache.match(event.request, { ignoreSearch: true });
	if (cached) return cached;
	const response = await fetch(event.request);
	if (response.ok) {
		const copy = response.clone();
		event.waitUntil(cache.put(url.pathname, copy));
	}
	return response;
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin || isLive(url)) return;
	if (request.mode === 'navigate') {
		event.respondWith(navigate(event, url));
	} else if (SHELL.includes(url.pathname)) {
		event.respondWith(asset(event, url));
	}
});
