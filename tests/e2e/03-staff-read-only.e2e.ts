/** (c) Staff see the shop settings but cannot change them; the phone layout works. */
import { expect, test } from '@playwright/test';
import { ensureAccounts, logIn, newTablet, PHONE, shot, STAFF } from './helpers.ts';

test('staff see settings read-only, on a tablet and on a phone', async ({ browser, request }) => {
	await ensureAccounts(request, [{ ...STAFF, role: 'staff' }]);
	const tablet = await newTablet(browser);
	await logIn(tablet.page, STAFF);
	await tablet.page.getByRole('link', { name: '设置' }).click();

	await expect(tablet.page.getByTestId('profile-readonly')).toHaveText(
		'只有店主可以修改店铺资料。你可以查看，但不能编辑。'
	);
	for (const label of ['店名', '电话', '地址', '营业时间']) {
		await expect(tablet.page.getByLabel(label)).toHaveAttribute('readonly', '');
	}
	await expect(tablet.page.getByRole('button', { name: '保存' })).toHaveCount(0);
	await expect(tablet.page.getByText('员工账号由店主管理。')).toBeVisible();
	await expect(tablet.page.getByTestId('add-staff')).toHaveCount(0);
	await tablet.page.screenshot({ path: shot('tablet-settings-staff') });

	// The language switch turns every string to English and updates <html lang>.
	await tablet.page.getByRole('combobox', { name: '语言' }).selectOption('en');
	await expect(tablet.page.locator('html')).toHaveAttribute('lang', 'en');
	await expect(tablet.page.getByTestId('profile-readonly')).toHaveText(
		'Only the owner can change the shop profile. You can view it but not edit it.'
	);
	await expect(tablet.page.getByTestId('sync-label')).toHaveText('Online');
	await tablet.page.screenshot({ path: shot('tablet-settings-staff-en') });
	await tablet.page.getByRole('combobox', { name: 'Language' }).selectOption('zh-CN');
	await expect(tablet.page.locator('html')).toHaveAttribute('lang', 'zh-CN');
	await tablet.context.close();

	const phone = await newTablet(browser, PHONE);
	await logIn(phone.page, STAFF);
	await phone.page.screenshot({ path: shot('phone-dashboard-staff') });
	await phone.page.getByRole('link', { name: '设置' }).click();
	await expect(phone.page.getByTestId('profile-readonly')).toBeVisible();
	await phone.page.screenshot({ path: shot('phone-settings-staff') });

	// A second tab of the same browser shares the session, and follows the logout.
	const otherTab = await phone.context.newPage();
	await otherTab.goto('/inventory');
	await expect(otherTab.getByRole('heading', { name: '库存' })).toBeVisible();

	// Logging out asks first, then clears the session and the shop's data on the device.
	await phone.page.getByRole('button', { name: '退出登录' }).click();
	const dialog = phone.page.getByRole('dialog');
	await expect(dialog).toContainText('这台设备上的店铺数据会被清除');
	await phone.page.screenshot({ path: shot('phone-logout-confirm') });
	await dialog.getByRole('button', { name: '退出登录' }).click();
	await expect(phone.page).toHaveURL(/\/login$/);
	await phone.page.waitForFunction(async () => {
		const names = (await indexedDB.databases()).map((db) => db.name);
		return !names.includes('yuzu') && localStorage.getItem('yuzu.session') === null;
	});
	await expect(otherTab).toHaveURL(/\/login$/);
	await phone.page.goto('/settings');
	await expect(phone.page).toHaveURL(/\/login$/);
	await phone.context.close();
});
