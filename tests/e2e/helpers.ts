/** Shared steps of the browser tests: accounts, logging in, waiting on the sync indicator. */
import { expect } from '@playwright/test';
import type { APIRequestContext, Browser, BrowserContext, Page } from '@playwright/test';

export const SETUP_CODE = 'E2E-SETUP';
export const OWNER = { name: '老王', pin: '2468' };
export const STAFF = { name: '小李', pin: '1357' };
export const SECOND_OWNER = { name: '店长2', pin: '8642' };

export const TABLET = { width: 1180, height: 820 };
export const PHONE = { width: 390, height: 844 };

/** Where screenshots go (inside test-results, which Playwright owns). */
export function shot(name: string): string {
	return `test-results/screens/${name}.png`;
}

/**
 * Makes sure the owner and the given accounts exist, through the API, so a test
 * file also runs on its own. Returns the owner's token.
 */
export async function ensureAccounts(
	request: APIRequestContext,
	accounts: { name: string; pin: string; role: 'owner' | 'staff' }[]
): Promise<string> {
	const setup = await request.get('/api/setup');
	if ((await setup.json()).needed) {
		const created = await request.post('/api/setup', {
			data: { code: SETUP_CODE, name: OWNER.name, pin: OWNER.pin }
		});
		expect(created.status()).toBe(200);
	}
	const login = await request.post('/api/login', {
		data: { name: OWNER.name, pin: OWNER.pin, device: 'e2e-api' }
	});
	expect(login.status()).toBe(200);
	const { token } = await login.json();
	for (const account of accounts) {
		const response = await request.post('/api/staff', {
			headers: { authorization: `Bearer ${token}` },
			data: account
		});
		expect([201, 409]).toContain(response.status());
	}
	return token;
}

export async function newTablet(
	browser: Browser,
	viewport = TABLET
): Promise<{ context: BrowserContext; page: Page }> {
	const context = await browser.newContext({ viewport });
	const page = await context.newPage();
	return { context, page };
}

/** Logs in through the login form and waits for the frame to be synced. */
export async function logIn(page: Page, account: { name: string; pin: string }): Promise<void> {
	await page.goto('/login');
	await page.getByLabel('姓名', { exact: true }).fill(account.name);
	await page.getByLabel('PIN 码', { exact: true }).fill(account.pin);
	await page.getByRole('button', { name: '登录' }).click();
	await expect(page.getByRole('heading', { name: `你好，${account.name}` })).toBeVisible();
	await expectOnline(page);
}

export function syncLabel(page: Page) {
	return page.getByTestId('sync-label');
}

export async function expectOnline(page: Page): Promise<void> {
	await expect(syncLabel(page)).toHaveText('在线');
	await expect(page.getByTestId('sync-pending')).toHaveCount(0);
}

/** Resolves once the service worker controls the page (the shell is cached). */
export async function serviceWorkerReady(page: Page): Promise<void> {
	await page.evaluate(async () => {
		await navigator.serviceWorker.ready;
	});
	await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}
