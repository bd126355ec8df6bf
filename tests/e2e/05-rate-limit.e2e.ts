/** Too many wrong PINs: the login page says how long to wait, in the shop's words. */
import { expect, test } from '@playwright/test';
import { ensureAccounts, newTablet, shot } from './helpers.ts';

test('a locked login says how long to wait and until when', async ({ browser, request }) => {
	await ensureAccounts(request, []);
	const { context, page } = await newTablet(browser);
	await page.goto('/login');
	await page.getByLabel('姓名', { exact: true }).fill('路人甲');

	let status = 0;
	for (let attempt = 0; attempt < 8 && status !== 429; attempt++) {
		await page.getByLabel('PIN 码', { exact: true }).fill('0000');
		const [response] = await Promise.all([
			page.waitForResponse((r) => r.url().endsWith('/api/login')),
			page.getByRole('button', { name: '登录' }).click()
		]);
		status = response.status();
	}
	expect(status).toBe(429);
	await expect(page.getByTestId('login-error')).toHaveText(
		/^尝试次数过多。请 1[45] 分钟后（\d\d:\d\d）再试。$/
	);
	await page.screenshot({ path: shot('tablet-login-locked') });
	await context.close();
});
