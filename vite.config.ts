import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	server: {
		// `npm run dev` talks to a server started with `npm run server` on PORT 3000.
		proxy: {
			'/api': 'http://localhost:3000',
			'/healthz': 'http://localhost:3000',
			'/sync': { target: 'ws://localhost:3000', ws: true }
		}
	},
	test: {
		include: ['tests/unit/**/*.spec.ts', 'tests/integration/**/*.spec.ts'],
		setupFiles: ['tests/helpers/setup.ts'],
		expect: { requireAssertions: true },
		testTimeout: 30_000,
		hookTimeout: 30_000,
		pool: 'forks'
	}
});
