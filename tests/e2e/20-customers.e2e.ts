/**
 * Customers in zh-CN on a 1024×768 tablet: the owner adds a customer (the form refuses a blank
 * name and a phone of letters), finds them by pinyin initials and phone digits, sees their
 * rentals (one overdue, one settled, written by a second device over sync), creates, re-issues
 * and revokes their chat link, and sets the rental rules; staff see the rules read-only.
 */
import { expect, test, type Page } from '@playwright/test';
import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import * as ledgerDoc from '../../src/lib/crdt/ledger.ts';
import { staffOrigin } from '../../src/lib/crdt/origin.ts';
import type { ModelId, UnitId } from '../../src/lib/domain/inventory.ts';
import type { UnitTerms } from '../../src/lib/domain/ledger.ts';
import { deriveRentals } from '../../src/lib/domain/ledger-rentals.ts';
import {
	ensureAccounts,
	expectOnline,
	logIn,
	newTablet,
	OWNER,
	PHONE,
	shot,
	STAFF
} from './helpers.ts';

const TABLET_1024 = { width: 1024, height: 768 };
const NAME = '王建国';
const DAY = 24 * 3_600_000;

/** Closes the notices, so a screenshot shows the page rather than a stack of "done" messages. */
async function dismissNotices(page: Page): Promise<void> {
	const close = page.getByTestId('notice').getByRole('button', { name: '知道了' });
	while ((await close.count()) > 0) await close.first().click();
}

async function openCustomers(page: Page): Promise<void> {
	await page.getByRole('link', { name: '顾客', exact: true }).click();
	await expect(page.getByRole('heading', { name: '顾客', exact: true })).toBeVisible();
}

/**
 * Two rentals of the customer, written by another device through the sync server the way a
 * tablet's check-out and check-in write them: one overdue since yesterday, one settled last week.
 */
async function rentalsFromAnotherTablet(baseURL: string, token: string, customerId: string) {
	const { account } = await (
		await fetch(`${baseURL}/api/me`, { headers: { authorization: `Bearer ${token}` } })
	).json();
	const doc = new Y.Doc();
	const provider = new WebsocketProvider(`${baseURL.replace(/^http/, 'ws')}/sync`, 'ledger', doc, {
		params: { token },
		WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
		disableBc: true
	});
	await new Promise<void>((resolve) => provider.once('sync', () => resolve()));
	const writer = { origin: staffOrigin(account.id, account.name), device: 'e2e-second-tablet' };
	const terms = (code: string): UnitTerms => ({
		unitId: `e2e-${code}` as UnitId,
		modelId: 'e2e-sea-rod' as ModelId,
		code,
		modelName: '光威 3.6米海竿',
		card: { daily: 3000, deposit: 30000 },
		replacementValue: 45000
	});
	const calendar = { timeZone: 'Asia/Shanghai', holidays: [], graceMinutes: 60 };
	const now = Date.now();
	const base = { customerId, calendar, depositMethod: 'cash' as const };
	const settledId = ledgerDoc.checkOut(
		doc,
		writer,
		{ ...base, units: [terms('HG-9002')], dueAt: now - 6 * DAY, deposit: 30000 },
		now - 7 * DAY
	);
	ledgerDoc.returnUnits(
		doc,
		writer,
		settledId,
		[{ unitId: terms('HG-9002').unitId }],
		now - 6 * DAY
	);
	const settled = deriveRentals(ledgerDoc.readLedger(doc).events).rentals.get(settledId);
	if (!settled) throw new Error('The settled rental was not written');
	expect(ledgerDoc.settleRental(doc, writer, settled, 'cash', now - 6 * DAY).ok).toBe(true);
	ledgerDoc.checkOut(
		doc,
		writer,
		{
			...base,
			units: [terms('HG-9001'), terms('HG-9003')],
			dueAt: now - DAY,
			deposit: 60000
		},
		now - 3 * DAY
	);
	return () => {
		provider.destroy();
		doc.destroy();
	};
}

test('add, find and open a customer; their chat link; the rental rules', async ({
	browser,
	request,
	baseURL
}) => {
	const ownerToken = await ensureAccounts(request, [{ ...STAFF, role: 'staff' }]);
	const { context, page } = await newTablet(browser, TABLET_1024);
	await context.grantPermissions(['clipboard-read', 'clipboard-write']);
	await logIn(page, OWNER);
	await openCustomers(page);
	if (await page.getByTestId('customers-empty').isVisible()) {
		await page.screenshot({ path: shot('tablet-customers-empty') });
	}

	// A new customer: the form says what is wrong next to each field, in Chinese.
	await page.getByTestId('add-customer').click();
	const dialog = page.getByRole('dialog', { name: '新顾客' });
	await dialog.getByLabel('电话').fill('abc');
	await dialog.getByRole('button', { name: '添加' }).click();
	await expect(dialog.getByText('请填写姓名')).toBeVisible();
	await expect(dialog.getByText('请输入有效的电话号码，如 138 0000 0000')).toBeVisible();
	await page.screenshot({ path: shot('tablet-customer-new-errors') });
	await dialog.getByLabel('姓名').fill(NAME);
	await dialog.getByLabel('电话').fill('138 1234 5678');
	await dialog.getByLabel('标签').fill('老客户，海钓');
	await dialog.getByLabel('备注').fill('喜欢路亚，周末常来');
	await dialog.getByRole('button', { name: '添加' }).click();
	await expect(dialog).toBeHidden();

	await expect(page).toHaveURL(/\/customers\/customer\?id=/);
	const customerId = new URL(page.url()).searchParams.get('id') ?? '';
	await expect(page.getByTestId('customer-name')).toHaveText(NAME);
	await expect(page.getByTestId('notice').filter({ hasText: `已添加顾客“${NAME}”` })).toBeVisible();
	const about = page.getByTestId('customer-about');
	await expect(about.getByRole('listitem')).toHaveText(['老客户', '海钓']);
	await expect(about).toContainText('喜欢路亚，周末常来');
	await expect(page.getByTestId('customer-rentals')).toContainText('还没有租过渔具。');

	// Edited in the same dialog, which starts from what is saved.
	await page.getByTestId('edit-customer').click();
	const edit = page.getByRole('dialog', { name: '编辑顾客资料' });
	await expect(edit.getByLabel('标签')).toHaveValue('老客户 海钓');
	await edit.getByLabel('标签').fill('老客户 海钓 夜钓');
	await edit.getByRole('button', { name: '保存' }).click();
	await expect(edit).toBeHidden();
	await expect(about.getByRole('listitem')).toHaveText(['老客户', '海钓', '夜钓']);

	// Found again by pinyin initials and by a few digits of the phone.
	await openCustomers(page);
	const row = page.locator(`[data-testid="customer-row"][data-id="${customerId}"]`);
	for (const query of ['wjg', 'wangjian', '5678', '海钓']) {
		await page.getByLabel('搜索顾客').fill(query);
		await expect(row, query).toBeVisible();
	}
	await expect(row).toContainText('138 1234 5678');
	await page.getByLabel('搜索顾客').fill('wjg');
	await expect(page).toHaveURL(/\/customers\?q=wjg/);
	await dismissNotices(page);
	await page.screenshot({ path: shot('tablet-customers-search') });

	// Rentals checked out on another tablet show up, newest first, the overdue one in red.
	await expectOnline(page);
	const closeSecondTablet = await rentalsFromAnotherTablet(baseURL ?? '', ownerToken, customerId);
	await expect(row).toContainText('逾期');
	await expect(row).toContainText('1 单在租');
	await expect(row).toContainText('存 ¥600');
	await page.screenshot({ path: shot('tablet-customers-list') });
	await row.click();
	await expect(page.getByTestId('customer-name')).toHaveText(NAME);
	const rentals = page.getByTestId('customer-rental');
	await expect(rentals).toHaveCount(2);
	await expect(rentals.first()).toHaveAttribute('data-status', 'overdue');
	await expect(rentals.first()).toContainText('HG-9001 · HG-9003');
	await expect(rentals.first()).toContainText('应于');
	await expect(rentals.first()).toHaveAttribute('href', /\/rentals\/rental\?id=/);
	await expect(rentals.nth(1)).toHaveAttribute('data-status', 'settled');
	await expect(rentals.nth(1)).toContainText('已结算');
	await expect(page.getByTestId('customer-balance')).toContainText('店里存着顾客 ¥600');
	closeSecondTablet();

	// The chat link: created, shown as an address and a QR code, copied.
	const link = page.getByTestId('chat-link');
	await expect(link).toContainText('这位顾客还没有聊天链接。');
	await link.getByRole('button', { name: '生成聊天链接' }).click();
	await expect(link.getByTestId('link-qr')).toBeVisible();
	const url = link.getByTestId('link-url');
	await expect(url).toHaveText(new RegExp(`^${baseURL}/c/[\\w.-]+$`));
	const first = ((await url.textContent()) ?? '').trim();
	await link.getByRole('button', { name: '复制链接' }).click();
	await expect(link.getByRole('status')).toHaveText(/已复制/);
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(first);
	await dismissNotices(page);
	await page.screenshot({ path: shot('tablet-customer-link'), fullPage: true });

	// A new link warns that the old one stops working, and it does.
	await link.getByRole('button', { name: '重新生成' }).click();
	const confirm = page.getByRole('dialog');
	await expect(confirm).toContainText('旧链接会立刻失效');
	await confirm.getByRole('button', { name: '重新生成' }).click();
	await expect(url).not.toHaveText(first);
	const second = ((await url.textContent()) ?? '').trim();
	const tokenOf = (address: string) => address.slice(address.lastIndexOf('/') + 1);
	const oldLink = await request.get('/api/link', {
		headers: { authorization: `Bearer ${tokenOf(first)}` }
	});
	expect(oldLink.status()).toBe(401);

	// Revoked after a confirmation: the customer's link no longer works.
	await link.getByRole('button', { name: '停用链接' }).click();
	await expect(confirm).toContainText(`${NAME} 就不能再用这个链接`);
	await confirm.getByRole('button', { name: '停用链接' }).click();
	await expect(link).toContainText('这位顾客还没有聊天链接。');
	await expect(page.getByTestId('notice').filter({ hasText: '已停用' })).toBeVisible();
	const revoked = await request.get('/api/link', {
		headers: { authorization: `Bearer ${tokenOf(second)}` }
	});
	expect(revoked.status()).toBe(401);

	// Offline, the section says the link needs a connection.
	await context.setOffline(true);
	await expect(link.getByTestId('chat-link-offline')).toHaveText(/要联网/);
	await context.setOffline(false);
	await expect(link.getByRole('button', { name: '生成聊天链接' })).toBeVisible();

	// The owner sets the grace to 30 minutes and adds a holiday.
	await page.getByRole('link', { name: '设置' }).click();
	const rules = page.getByTestId('rental-rules');
	await expect(rules).toContainText('超过宽限时间才按新的一天计费。');
	await rules.getByLabel('宽限时间（分钟）').fill('');
	await rules.getByRole('button', { name: '保存规则' }).click();
	await expect(rules.getByText('请输入不小于 0 的整数')).toBeVisible();
	await rules.getByLabel('宽限时间（分钟）').fill('30');
	await rules.getByRole('button', { name: '保存规则' }).click();
	await expect(rules.getByTestId('rules-outcome')).toHaveText('已保存');
	const holidays = page.getByTestId('holidays');
	await holidays.getByLabel('添加节假日').fill('2030-10-01');
	await holidays.getByRole('button', { name: '添加' }).click();
	await expect(holidays.locator('li[data-date="2030-10-01"]')).toContainText('2030年10月1日');
	await holidays.getByLabel('添加节假日').fill('2030-10-01');
	await holidays.getByRole('button', { name: '添加' }).click();
	await expect(holidays.getByText('这一天已经在列表里了')).toBeVisible();
	await page.reload();
	await expect(page.getByTestId('rental-rules').getByLabel('宽限时间（分钟）')).toHaveValue('30');
	await expect(page.locator('li[data-date="2030-10-01"]')).toBeVisible();
	await page.screenshot({ path: shot('tablet-settings-rules'), fullPage: true });
	await expectOnline(page);
	await context.close();

	// On a phone: the list, the customer, and the rules as staff see them (read-only).
	const phone = await newTablet(browser, PHONE);
	await logIn(phone.page, STAFF);
	await openCustomers(phone.page);
	await phone.page.getByLabel('搜索顾客').fill('wjg');
	await expect(
		phone.page.locator(`[data-testid="customer-row"][data-id="${customerId}"]`)
	).toBeVisible();
	await phone.page.screenshot({ path: shot('phone-customers-list') });
	await phone.page.locator(`[data-testid="customer-row"][data-id="${customerId}"]`).click();
	await expect(phone.page.getByTestId('customer-rental')).toHaveCount(2);
	await phone.page.getByRole('button', { name: '生成聊天链接' }).click();
	await expect(phone.page.getByTestId('link-qr')).toBeVisible();
	await dismissNotices(phone.page);
	await phone.page.screenshot({ path: shot('phone-customer'), fullPage: true });
	await phone.page.getByRole('link', { name: '设置' }).click();
	const staffRules = phone.page.getByTestId('rental-rules');
	await expect(staffRules.getByTestId('rules-readonly')).toBeVisible();
	await expect(staffRules.getByLabel('宽限时间（分钟）')).toHaveValue('30');
	await expect(staffRules.getByLabel('宽限时间（分钟）')).toHaveAttribute('readonly', '');
	await expect(staffRules.getByRole('button', { name: '保存规则' })).toHaveCount(0);
	await expect(staffRules.locator('li[data-date="2030-10-01"]')).toBeVisible();
	await staffRules.scrollIntoViewIfNeeded();
	await phone.page.screenshot({ path: shot('phone-settings-rules-staff') });
	await phone.context.close();
});
