/// <reference types="@sveltejs/kit" />
/// <reference no-default-lib="true"/>
/// <reference lib="esnext" />
/// <reference lib="webworker" />
/**
 * Precaches the app shell so a tablet that reloads with no network still opens
 * the app (and its local data). Never touches /api or /sync: those are live.
 */
import { build, files, prerendered, version } from '$service-worker';

const sw = self as unknown as ServiceWorkerGlobalScope;
const CACHE = `yuzu-shell-${version}`;
const SHELL = [...build, ...files, ...prerendered];
/** Served for any app route the cache does not hold by its own path. */
const FALLBACK = '/';
const LIVE_PREFIXES = ['/api', '/sync', '/healthz'];
/** A page that takes longer than this over a bad link is served from the cache instead. */
const NAVIGATION_TIMEOUT_MS = 4000;

sw.addEventListener('install', (event) => {
	event.waitUntil(
		(async () => {
			const cache = await caches.open(CACHE);
			await cache.addAll(SHELL);
			await sw.skipWaiting();
		})()
	);
});

sw.addEventListener('activate', (event) => {
	event.waitUntil(
		(async () => {
			for (const key of await caches.keys()) {
				if (key !== CACHE) await caches.delete(key);
			}
			await sw.clients.claim();
		})()
	);
});

function isLive(url: URL): boolean {
	return LIVE_PREFIXES.some(
		(prefix) => url.pathname === prefix || url.pathname.startsWith(`${prefix}/`)
	);
}

/**
 * Network first for pages (a fresh shell after a deploy), the cached shell when
 * offline, slow or failing. Every shell boots the same client router, so the
 * `/` shell serves any app route.
 */
async function navigate(request: Request, url: URL): Promise<Response> {
	try {
		const response = await fetch(request, { signal: AbortSignal.timeout(NAVIGATION_TIMEOUT_MS) });
		if (response.status < 500) return response;
		throw new Error(`HTTP ${response.status}`);
	} catch {
		const cache = await caches.open(CACHE);
		const page = (await cache.match(url.pathname)) ?? (await cache.match(FALLBACK));
		return page ?? Response.error();
	}
}

/** Built assets are immutable and precached: cache first. */
async function asset(request: Request): Promise<Response> {
	const cache = await caches.open(CACHE);
	const cached = await cache.match(request, { ignoreSearch: true });
	return cached ?? fetch(request);
}

sw.addEventListener('fetch', (event) => {
	const { request } = event;
	if (request.method !== 'GET') return;
	const url = new URL(request.url);
	if (url.origin !== sw.location.origin || isLive(url)) return;
	if (request.mode === 'navigate') {
		event.respondWith(navigate(request, url));
	} else if (SHELL.includes(url.pathname)) {
		event.respondWith(asset(request));
	}
});
