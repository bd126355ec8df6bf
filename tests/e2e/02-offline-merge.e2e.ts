/**
 * (b) Two tablets edit the shop profile while one is offline; both edits
 * survive the merge, and the offline tablet reloads with no network.
 */
import { expect, test } from '@playwright/test';
import {
	ensureAccounts,
	expectOnline,
	logIn,
	newTablet,
	OWNER,
	SECOND_OWNER,
	serviceWorkerReady,
	shot,
	syncLabel
} from './helpers.ts';

test('two owners edit different fields, one offline; both edits survive', async ({
	browser,
	request
}) => {
	await ensureAccounts(request, []);
	const a = await newTablet(browser);
	await logIn(a.page, OWNER);

	// The owner adds a second owner (only owners may edit settings).
	await a.page.getByRole('link', { name: '设置' }).click();
	const form = a.page.getByTestId('add-staff');
	await form.getByLabel('姓名').fill(SECOND_OWNER.name);
	await form.getByLabel('初始 PIN 码（4–8 位数字）').fill(SECOND_OWNER.pin);
	await form.getByLabel('再次输入 PIN 码').fill(SECOND_OWNER.pin);
	await form.getByRole('radio', { name: '店主' }).check();
	await form.getByRole('button', { name: '添加' }).click();
	await expect(
		a.page.locator(`[data-testid="staff-row"][data-name="${SECOND_OWNER.name}"]`)
	).toContainText('店主');

	// A names the shop; tablet B logs in and sees it.
	const nameA = a.page.getByLabel('店名');
	const phoneA = a.page.getByLabel('电话');
	await nameA.fill('东湖渔具');
	await a.page.getByTestId('profile-form').getByRole('button', { name: '保存' }).click();
	await expect(a.page.getByTestId('profile-outcome')).toHaveText('已保存');
	await expectOnline(a.page);

	const b = await newTablet(browser);
	await logIn(b.page, SECOND_OWNER);
	await b.page.getByRole('link', { name: '设置' }).click();
	const nameB = b.page.getByLabel('店名');
	const phoneB = b.page.getByLabel('电话');
	await expect(nameB).toHaveValue('东湖渔具');
	await serviceWorkerReady(b.page);

	// B loses its network: the app notices from the offline event alone.
	await b.context.setOffline(true);
	await expect(syncLabel(b.page)).toHaveText(/^离线 · 自 \d\d:\d\d$/);

	// Both edit a different field.
	await nameA.fill('东湖渔具行');
	await a.page.getByTestId('profile-form').getByRole('button', { name: '保存' }).click();
	await expect(a.page.getByTestId('profile-outcome')).toHaveText('已保存');
	await expectOnline(a.page);

	await phoneB.fill('0571-8888 6666');
	await b.page.getByTestId('profile-form').getByRole('button', { name: '保存' }).click();
	await expect(b.page.getByTestId('profile-outcome')).toHaveText('已保存');
	await expect(b.page.getByTestId('sync-pending')).toHaveText('有未同步的更改');
	await expect(nameB).toHaveValue('东湖渔具');
	await b.page.screenshot({ path: shot('tablet-offline-pending') });

	// The indicator opens per-doc detail.
	await b.page.getByTestId('sync-indicator').click();
	const details = b.page.getByTestId('sync-details');
	await expect(details).toBeVisible();
	await expect(details.locator('[data-doc="settings"]')).toContainText('有未同步的更改');
	await expect(details.locator('[data-doc="inventory"]')).toContainText('所有更改都已保存到服务器');
	await b.page.screenshot({ path: shot('tablet-sync-details') });
	await b.page.keyboard.press('Escape');
	await expect(details).toBeHidden();

	// Back online: both tablets hold both edits and nothing is waiting.
	await b.context.setOffline(false);
	await expectOnline(b.page);
	await expect(nameB).toHaveValue('东湖渔具行');
	await expect(phoneB).toHaveValue('0571-8888 6666');
	await expect(nameA).toHaveValue('东湖渔具行');
	await expect(phoneA).toHaveValue('0571-8888 6666');
	await expectOnline(a.page);

	// B reloads with no network: the service worker serves the shell, IndexedDB the data.
	await b.context.setOffline(true);
	const reloaded = await b.page.reload();
	expect(reloaded?.fromServiceWorker()).toBe(true);
	expect(
		await b.page.evaluate(() =>
			fetch('/healthz').then(
				() => 'reached',
				() => 'offline'
			)
		)
	).toBe('offline');
	await expect(b.page.getByRole('heading', { name: '设置' })).toBeVisible();
	await expect(nameB).toHaveValue('东湖渔具行');
	await expect(phoneB).toHaveValue('0571-8888 6666');
	await expect(syncLabel(b.page)).toHaveText(/^离线/);
	await expect(b.page.getByTestId('sync-pending')).toHaveCount(0);
	await expect(b.page.getByTestId('account-name')).toHaveText(SECOND_OWNER.name);

	// Other app routes open offline too, from the same cached shell.
	await b.page.goto('/inventory');
	await expect(b.page.getByRole('heading', { name: '库存' })).toBeVisible();
	await b.page.getByRole('link', { name: '首页' }).click();
	await expect(b.page.getByTestId('shop-card')).toContainText('东湖渔具行');
	await b.page.screenshot({ path: shot('tablet-offline-reloaded') });

	await b.context.setOffline(false);
	await expectOnline(b.page);
	await a.context.close();
	await b.context.close();
});
