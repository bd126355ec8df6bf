/**
 * What the customer page shows outside itself: the tab's title and icon (unread messages) and
 * the manifest that makes "add to home screen" open this conversation, not the staff app.
 */

const ICON = '/favicon.svg';
/** The shop icon with a red dot: a message waits while the page is in the background. */
const DOTTED_ICON =
	'data:image/svg+xml,' +
	encodeURIComponent(
		'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="#0e5a6b"/><path d="M14 40c8-10 20-14 34-12-6 3-9 7-10 12-8-4-16-4-24 0z" fill="#f2c14e"/><circle cx="50" cy="14" r="13" fill="#e5322d" stroke="#fff" stroke-width="3"/></svg>'
	);

/** The title a tab shows: `(2) 老王渔具` while two messages are unread. */
export function unreadTitle(shopName: string, unread: number): string {
	return unread > 0 ? `(${unread}) ${shopName}` : shopName;
}

/** Puts the unread count in the title and, while the page is hidden, a dot on the icon. */
export function showUnread(doc: Document, shopName: string, unread: number, hidden: boolean): void {
	doc.title = unreadTitle(shopName, unread);
	const icon = doc.querySelector<HTMLLinkElement>('link[rel="icon"]');
	if (!icon) return;
	const href = unread > 0 && hidden ? DOTTED_ICON : ICON;
	if (icon.getAttribute('href') !== href) icon.setAttribute('href', href);
}

/** A web app manifest for this link: installed, it opens this conversation. */
export function linkManifest(shopName: string, pageUrl: string): Record<string, unknown> {
	const url = new URL(pageUrl);
	url.hash = '';
	url.search = '';
	return {
		name: shopName,
		short_name: shopName,
		lang: 'zh-CN',
		start_url: url.href,
		scope: url.href,
		display: 'standalone',
		background_color: '#f4f7f8',
		theme_color: '#0e5a6b',
		icons: [{ src: new URL(ICON, url).href, sizes: 'any', type: 'image/svg+xml' }]
	};
}

/** Replaces the staff app's manifest link with this conversation's own. */
export function installManifest(doc: Document, shopName: string, pageUrl: string): void {
	const manifest = linkManifest(shopName, pageUrl);
	const href = 'data:application/manifest+json,' + encodeURIComponent(JSON.stringify(manifest));
	let link = doc.querySelector<HTMLLinkElement>('link[rel="manifest"]');
	if (!link) {
		link = doc.createElement('link');
		link.rel = 'manifest';
		doc.head.append(link);
	}
	if (link.getAttribute('href') !== href) link.setAttribute('href', href);
}

/** The service worker's message for "keep these for offline", and its cache of customer pages. */
const KEEP_MESSAGE = 'yuzu:keep';
const PAGES_CACHE = 'yuzu-pages';

/**
 * Tells the service worker to keep this page and every file it loaded, now and whenever a new
 * worker takes over, so the page reopens offline without the worker downloading the staff app.
 * Returns the function that stops.
 */
export function keepForOffline(): () => void {
	const container = navigator.serviceWorker;
	if (!container) return () => {};
	const post = () => {
		const origin = location.origin;
		const files = performance
			.getEntriesByType('resource')
			.map((entry) => entry.name)
			.filter((name) => name.startsWith(`${origin}/_app/`));
		const urls = [location.pathname, ICON, ...files];
		container.controller?.postMessage({ type: KEEP_MESSAGE, urls });
	};
	post();
	container.addEventListener('controllerchange', post);
	return () => container.removeEventListener('controllerchange', post);
}

/** A link that no longer works is not kept for offline either. */
export async function forgetPage(pathname: string): Promise<void> {
	try {
		await (await caches.open(PAGES_CACHE)).delete(pathname);
	} catch {
		// No Cache API here (plain http): nothing was kept.
	}
}
