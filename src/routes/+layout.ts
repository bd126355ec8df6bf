// Every page is a prerendered shell that runs in the browser only: the service
// worker caches the shells, so the app opens with no network once installed.
export const prerender = true;
export const ssr = false;
