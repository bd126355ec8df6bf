// A customer's link cannot be prerendered (one per customer): the server sends the same
// client-only shell for any token, and offline the service worker serves the cached shell.
export const prerender = false;
