import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: {
		// The Node server in server/ imports build/handler.js and serves it beside /api and /sync.
		adapter: adapter({ out: 'build', precompress: true }),
		serviceWorker: { register: true }
	}
};

export default config;
