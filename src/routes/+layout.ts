import { i18n } from '$lib/i18n/i18n.svelte.ts';
import type { LayoutLoad } from './$types';

// Every page is a prerendered shell that runs in the browser only: the service
// worker caches the shells, so the app opens with no network once installed.
export const prerender = true;
export const ssr = false;

/** Pages under /c/ are the customers' chat: they never load the staff app's state. */
const CUSTOMER_ROUTES = '/c/';

type StaffApp = typeof import('$lib/state/app.svelte.ts');

/**
 * The staff app's state module, outside /c/. Staff pages import it themselves, so it is in
 * their preloaded files and this import fetches nothing (a tablet that goes offline right after
 * opening a page still starts). Decided once, by the page the app started on.
 */
export const load: LayoutLoad = async ({ route, untrack }) => {
	await i18n.ready();
	const id = untrack(() => route.id);
	const staff: StaffApp | null = id?.startsWith(CUSTOMER_ROUTES)
		? null
		: await import('$lib/state/app.svelte.ts');
	return { staff };
};
