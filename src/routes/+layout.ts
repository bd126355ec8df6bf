import type { Component, Snippet } from 'svelte';
import type { LayoutLoad } from './$types';

// Every page is a prerendered shell that runs in the browser only: the service
// worker caches the shells, so the app opens with no network once installed.
export const prerender = true;
export const ssr = false;

/** Pages under /c/ are the customers' chat: they never load the staff app's state. */
const CUSTOMER_ROUTES = '/c/';

type StaffRootComponent = Component<{ children: Snippet }>;

export const load: LayoutLoad = async ({ route }) => {
	const staffRoot: StaffRootComponent | null = route.id?.startsWith(CUSTOMER_ROUTES)
		? null
		: (await import('./StaffRoot.svelte')).default;
	return { staffRoot };
};
