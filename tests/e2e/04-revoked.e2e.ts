/** A deactivated account is signed out at once on every tablet (close 4401 → login). */
import { expect, test } from '@playwright/test';
import { ensureAccounts, logIn, newTablet } from './helpers.ts';

const LEAVER = { name: '阿强', pin: '5555' };

test('deactivating a staff member sends their tablet to login', async ({ browser, request }) => {
	const ownerToken = await ensureAccounts(request, [{ ...LEAVER, role: 'staff' }]);
	const tablet = await newTablet(browser);
	await logIn(tablet.page, LEAVER);

	const staff = await request.get('/api/staff', {
		headers: { authorization: `Bearer ${ownerToken}` }
	});
	const { accounts } = (await staff.json()) as { accounts: { id: string; name: string }[] };
	const leaver = accounts.find((account) => account.name === LEAVER.name);
	expect(leaver).toBeDefined();
	const patched = await request.patch(`/api/staff/${leaver!.id}`, {
		headers: { authorization: `Bearer ${ownerToken}` },
		data: { active: false }
	});
	expect(patched.status()).toBe(200);

	await expect(tablet.page).toHaveURL(/\/login$/);
	await expect(tablet.page.getByTestId('notice')).toContainText('登录已失效');

	// The old PIN no longer works.
	await tablet.page.getByLabel('姓名', { exact: true }).fill(LEAVER.name);
	await tablet.page.getByLabel('PIN 码', { exact: true }).fill(LEAVER.pin);
	await tablet.page.getByRole('button', { name: '登录' }).click();
	await expect(tablet.page.getByTestId('login-error')).toBeVisible();

	// Signed out and offline: the login page says why it cannot help right now.
	await tablet.context.setOffline(true);
	await expect(tablet.page.getByTestId('login-offline')).toHaveText(
		'当前离线。第一次在这台设备上登录需要联网，请联网后再试。'
	);
	await tablet.context.close();
});
