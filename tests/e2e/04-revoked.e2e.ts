/**
 * The owner manages a staff member from the settings page: deactivating signs
 * them out at once on their tablet (close 4401 → login); reactivating with a
 * new PIN lets them back in.
 */
import { expect, test } from '@playwright/test';
import { ensureAccounts, logIn, newTablet, OWNER, shot } from './helpers.ts';

const LEAVER = { name: '阿强', pin: '5555' };
const NEW_PIN = '7531';

test('deactivate, reactivate and reset the PIN of a staff member', async ({ browser, request }) => {
	await ensureAccounts(request, [{ ...LEAVER, role: 'staff' }]);
	const owner = await newTablet(browser);
	await logIn(owner.page, OWNER);
	await owner.page.getByRole('link', { name: '设置' }).click();
	const row = owner.page.locator(`[data-testid="staff-row"][data-name="${LEAVER.name}"]`);
	await expect(row).toContainText('在职');

	const leaver = await newTablet(browser);
	await logIn(leaver.page, LEAVER);

	// Deactivate, after a confirmation that says what it does.
	await row.getByRole('button', { name: '停用' }).click();
	const dialog = owner.page.getByRole('dialog');
	await expect(dialog).toContainText(`停用后，${LEAVER.name} 将无法登录`);
	await owner.page.screenshot({ path: shot('tablet-deactivate-confirm') });
	await dialog.getByRole('button', { name: '停用' }).click();
	await expect(row).toContainText('已停用');

	await expect(leaver.page).toHaveURL(/\/login$/);
	await expect(leaver.page.getByTestId('notice')).toContainText('登录已失效');
	await leaver.page.getByLabel('姓名', { exact: true }).fill(LEAVER.name);
	await leaver.page.getByLabel('PIN 码', { exact: true }).fill(LEAVER.pin);
	await leaver.page.getByRole('button', { name: '登录' }).click();
	await expect(leaver.page.getByTestId('login-error')).toHaveText('姓名或 PIN 码不正确。');

	// Reactivate and give a new PIN.
	await row.getByRole('button', { name: '重新启用' }).click();
	await expect(row).toContainText('在职');
	await row.getByRole('button', { name: '重置 PIN' }).click();
	await row.getByLabel('新 PIN 码', { exact: true }).fill(NEW_PIN);
	await row.getByLabel('再次输入新 PIN 码').fill(NEW_PIN);
	await row.getByRole('button', { name: '保存新 PIN' }).click();
	await expect(owner.page.getByTestId('notice').last()).toContainText(
		`已为 ${LEAVER.name} 重置 PIN 码。`
	);

	await leaver.page.getByLabel('PIN 码', { exact: true }).fill(NEW_PIN);
	await leaver.page.getByRole('button', { name: '登录' }).click();
	await expect(leaver.page.getByRole('heading', { name: `你好，${LEAVER.name}` })).toBeVisible();

	// Signed out and offline: the login page says why it cannot help right now.
	const fresh = await newTablet(browser);
	await fresh.page.goto('/login');
	await fresh.context.setOffline(true);
	await expect(fresh.page.getByTestId('login-offline')).toHaveText(
		'当前离线。第一次在这台设备上登录需要联网，请联网后再试。'
	);
	await fresh.context.close();
	await leaver.context.close();
	await owner.context.close();
});
