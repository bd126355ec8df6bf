/**
 * (a) First run: the owner sets the shop up from the printed link, adds a staff
 * member, and that person logs in on another tablet.
 */
import { expect, test } from '@playwright/test';
import { newTablet, OWNER, SETUP_CODE, shot, STAFF } from './helpers.ts';

test('first run: owner setup, add staff, staff logs in elsewhere', async ({ browser }) => {
	const { context, page } = await newTablet(browser);

	// Nobody is signed in and the shop is not set up: the app sends us to setup.
	await page.goto('/');
	await expect(page).toHaveURL(/\/setup$/);
	await expect(page.getByRole('heading', { name: '首次设置' })).toBeVisible();
	await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');

	// A wrong code is refused with a translated message that says what to do.
	await page.getByLabel('设置码').fill('WRONG-CODE');
	await page.getByLabel('店主姓名').fill(OWNER.name);
	await page.getByLabel('PIN 码（4–8 位数字）').fill(OWNER.pin);
	await page.getByLabel('再次输入 PIN 码').fill(OWNER.pin);
	await page.getByRole('button', { name: '创建店主账号' }).click();
	await expect(page.getByTestId('setup-error')).toHaveText(/设置码不正确/);

	// The printed link carries the code.
	await page.goto(`/setup?code=${SETUP_CODE}`);
	await expect(page.getByLabel('设置码')).toHaveValue(SETUP_CODE);
	await page.getByLabel('店主姓名').fill(OWNER.name);
	await page.getByLabel('PIN 码（4–8 位数字）').fill(OWNER.pin);
	await page.getByLabel('再次输入 PIN 码').fill('0000');
	await page.getByRole('button', { name: '创建店主账号' }).click();
	await expect(page.getByText('两次输入的 PIN 码不一致')).toBeVisible();
	await page.getByLabel('再次输入 PIN 码').fill(OWNER.pin);
	await page.getByRole('button', { name: '创建店主账号' }).click();

	await expect(page.getByRole('heading', { name: `你好，${OWNER.name}` })).toBeVisible();
	await expect(page.getByTestId('sync-label')).toHaveText('在线');
	await expect(page.getByTestId('account-name')).toHaveText(OWNER.name);

	// Add a staff member in settings.
	await page.getByRole('link', { name: '设置' }).click();
	await expect(page.getByRole('heading', { name: '员工账号' })).toBeVisible();
	const form = page.getByTestId('add-staff');
	await form.getByLabel('姓名').fill(STAFF.name);
	await form.getByLabel('初始 PIN 码（4–8 位数字）').fill(STAFF.pin);
	await form.getByLabel('再次输入 PIN 码').fill(STAFF.pin);
	await form.getByRole('radio', { name: '店员' }).check();
	await form.getByRole('button', { name: '添加' }).click();
	const row = page.locator(`[data-testid="staff-row"][data-name="${STAFF.name}"]`);
	await expect(row).toContainText('店员');
	await expect(row).toContainText('在职');
	await expect(page.getByTestId('notice')).toContainText(`已添加 ${STAFF.name}`);

	// The same name twice is refused in Chinese, not with the server's English.
	await form.getByLabel('姓名').fill(STAFF.name);
	await form.getByLabel('初始 PIN 码（4–8 位数字）').fill('9999');
	await form.getByLabel('再次输入 PIN 码').fill('9999');
	await form.getByRole('button', { name: '添加' }).click();
	await expect(page.getByTestId('add-staff-error')).toHaveText('已有同名账号，请换一个名字。');
	await page.evaluate(() => window.scrollTo(0, 0));
	await page.screenshot({ path: shot('tablet-settings-owner') });

	// The staff member logs in on a second tablet.
	const second = await newTablet(browser);
	await second.page.goto('/');
	await expect(second.page).toHaveURL(/\/login$/);
	await second.page.getByLabel('姓名', { exact: true }).fill(STAFF.name);
	await second.page.getByLabel('PIN 码', { exact: true }).fill('0000');
	await second.page.getByRole('button', { name: '登录' }).click();
	await expect(second.page.getByTestId('login-error')).toHaveText('姓名或 PIN 码不正确。');
	await second.page.screenshot({ path: shot('tablet-login-error') });
	await second.page.getByLabel('PIN 码', { exact: true }).fill(STAFF.pin);
	await second.page.getByRole('button', { name: '登录' }).click();
	await expect(second.page.getByRole('heading', { name: `你好，${STAFF.name}` })).toBeVisible();
	await expect(second.page.getByTestId('account-name')).toHaveText(STAFF.name);
	await expect(second.page.getByTestId('sync-label')).toHaveText('在线');
	await second.page.screenshot({ path: shot('tablet-dashboard-staff') });

	await second.context.close();
	await context.close();
});
