import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from '@playwright/test';

/** The real server, built app and all, on its own port with a fresh data dir per run. */
/** E2E_PORT lets two checkouts run their browser tests side by side. */
const PORT = Number(process.env.E2E_PORT ?? 4311);
const baseURL = `http://127.0.0.1:${PORT}`;

// The config is evaluated by the runner and again by each worker; workers inherit
// the runner's environment, so the data dir is made once per run.
process.env.YUZU_E2E_DATA_DIR ??= mkdtempSync(path.join(os.tmpdir(), 'yuzu-e2e-'));

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: '*.e2e.ts',
	outputDir: 'test-results',
	// The tests share one server and build on each other's accounts: one at a time, in file order.
	workers: 1,
	fullyParallel: false,
	forbidOnly: !!process.env.CI,
	retries: 0,
	timeout: 60_000,
	expect: { timeout: 10_000 },
	reporter: [['list']],
	use: {
		baseURL,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		viewport: { width: 1180, height: 820 },
		screenshot: 'only-on-failure',
		trace: 'retain-on-failure',
		serviceWorkers: 'allow',
		launchOptions: {
			executablePath: '/usr/bin/chromium',
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
				'--disable-quic'
			]
		}
	},
	projects: [{ name: 'chromium', use: { browserName: 'chromium' } }],
	webServer: {
		command: 'npm run server',
		url: `${baseURL}/healthz`,
		reuseExistingServer: false,
		timeout: 60_000,
		stdout: 'pipe',
		stderr: 'pipe',
		env: {
			PORT: String(PORT),
			HOST: '127.0.0.1',
			DATA_DIR: process.env.YUZU_E2E_DATA_DIR,
			YUZU_SETUP_CODE: 'E2E-SETUP'
		}
	}
});
