/**
 * Reservations in zh-CN on a 1024×768 tablet, against the real server: the owner reserves a model
 * for a new customer (tomorrow, the form's default window), sees it on the model's calendar and
 * in the list, is refused at entry when asking for more rods than are free (with the sentence
 * saying how many are), cancels a reservation with a reason, and opens the day-end report with
 * an overdue rental and its deposit. Then the same pages at phone width.
 *
 * Gear and the overdue rental are written by a stock y-websocket client (as a tablet would), with
 * a per-run model name and codes, so the spec runs on its own or after the others.
 */
import { expect, test, type Page } from '@playwright/test';
import { createModel, createUnits, readInventory } from '../../src/lib/crdt/inventory.ts';
import { addCustomer, checkOut, readLedger } from '../../src/lib/crdt/ledger.ts';
import { staffOrigin } from '../../src/lib/crdt/origin.ts';
import { SEED_CATEGORY_IDS } from '../../src/lib/domain/categories.ts';
import { unitTermsOf } from '../../src/lib/domain/check-out.ts';
import type { Model, ModelDraft, Unit } from '../../src/lib/domain/inventory.ts';
import { ensureAccounts, logIn, newTablet, OWNER, PHONE, shot } from './helpers.ts';
import { openSynced, stored } from './sync-client.ts';

const run = String((Date.now() % 900_000) + 100_000);
const MODEL = `预约测试海竿 ${run}`;
const CODES = [0, 1, 2].map((i) => `YY-${Number(run) + i}`);
const LURE = `逾期测试路亚竿 ${run}`;
const LURE_CODE = `YL-${run}`;
const WANG = `预约王师傅${run}`;
const LI = `预约李大姐${run}`;
const ZHAO = `逾期赵大爷${run}`;
const TABLET_1024 = { width: 1024, height: 768 };
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

function rod(name: string): ModelDraft {
	return {
		categoryId: SEED_CATEGORY_IDS.seaRod,
		name,
		brand: '光威',
		specs: {},
		photos: [],
		rates: {
			daily: 3000,
			weekend: 4000,
			hourlyLate: 500,
			deposit: 30_000,
			replacementValue: 80_000
		},
		maintenance: {},
		tracking: 'unit',
		retired: false
	};
}

/** Writes models with their units; returns each model with its units, as the inventory reads. */
async function seedGear(
	baseURL: string,
	token: string,
	origin: ReturnType<typeof staffOrigin>,
	gear: { name: string; codes: string[] }[]
) {
	const inventory = await openSynced(baseURL, token, 'inventory');
	try {
		const ids = gear.map(({ name, codes }) => {
			const modelId = createModel(inventory.doc, rod(name), origin);
			const draft = { modelId, notes: '', photos: [], retired: false };
			createUnits(
				inventory.doc,
				codes.map((code) => ({ ...draft, code })),
				origin
			);
			return modelId;
		});
		const all = readInventory(inventory.doc);
		return ids.map((id) => ({
			model: all.models.find((m) => m.id === id)!,
			units: all.units.filter((u) => u.modelId === id)
		}));
	} finally {
		inventory.close();
	}
}

/**
 * Three sea rods of a new model, the third out on a rental for three more days (¥300 deposit by
 * WeChat), and a lure rod of another model out since a minute ago, due back half a minute ago
 * (¥300 deposit in cash): the calendar has a rod out, the day end has money and a late rental.
 */
async function seedShop(baseURL: string, token: string, ownerId: string) {
	const origin = staffOrigin(ownerId, OWNER.name);
	const [sea, lure] = await seedGear(baseURL, token, origin, [
		{ name: MODEL, codes: CODES },
		{ name: LURE, codes: [LURE_CODE] }
	]);
	await stored(baseURL, token, 'inventory', (doc) =>
		readInventory(doc).units.some((unit) => unit.code === LURE_CODE)
	);
	const ledger = await openSynced(baseURL, token, 'ledger');
	const writer = { origin, device: 'e2e-seed' };
	const calendar = { timeZone: 'Asia/Shanghai', holidays: [], graceMinutes: 60 };
	const now = Date.now();
	const customerId = addCustomer(
		ledger.doc,
		writer,
		{ name: ZHAO, phone: '13700003333', note: '', tags: [] },
		now - MINUTE
	);
	try {
		const out = (units: Unit[], model: Model, dueAt: number, method: 'wechat' | 'cash') =>
			checkOut(
				ledger.doc,
				writer,
				{
					customerId,
					units: units.map((unit) => unitTermsOf(unit, model)),
					calendar,
					dueAt,
					deposit: 30_000,
					depositMethod: method
				},
				now - MINUTE
			);
		out(
			sea.units.filter((u) => u.code === CODES[2]),
			sea.model,
			now + 3 * DAY,
			'wechat'
		);
		out(lure.units, lure.model, now - MINUTE / 2, 'cash');
	} finally {
		ledger.close();
	}
	await stored(
		baseURL,
		token,
		'ledger',
		(doc) => readLedger(doc).entries.filter((e) => e.customerId === customerId).length === 2
	);
	return sea.model.id;
}

/** `'YYYY-MM-DD'` in Shanghai, `days` from now. */
function shopDay(days: number): string {
	return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
		Date.now() + days * DAY
	);
}

async function dismissNotices(page: Page): Promise<void> {
	const close = page.getByTestId('notice').getByRole('button', { name: '知道了' });
	while ((await close.count()) > 0) await close.first().click();
}

async function newCustomer(page: Page, name: string, phone: string): Promise<void> {
	const form = page.getByTestId('reservation-form');
	await form.getByTestId('new-customer').click();
	await form.getByLabel('姓名').fill(name);
	await form.getByLabel('手机号').fill(phone);
	await form.getByRole('button', { name: '添加并选中' }).click();
	await expect(form.getByTestId('chosen-customer')).toContainText(name);
}

async function pickCustomer(page: Page, name: string): Promise<void> {
	await page.getByLabel('找顾客（姓名、拼音或手机号）').fill(name);
	await page.getByTestId('customer-picker').getByRole('button', { name }).click();
	await expect(page.getByTestId('chosen-customer')).toContainText(name);
}

test('reserve, see it on the calendar and in the list, refuse an over-booking, cancel, day end', async ({
	browser,
	request,
	baseURL
}) => {
	const token = await ensureAccounts(request, []);
	const me = await request.get('/api/me', { headers: { authorization: `Bearer ${token}` } });
	const ownerId = (await me.json()).account.id as string;
	const modelId = await seedShop(baseURL!, token, ownerId);
	const tomorrow = shopDay(1);

	const { context, page } = await newTablet(browser, TABLET_1024);
	const pageErrors: string[] = [];
	page.on('pageerror', (error) => pageErrors.push(error.message));
	await logIn(page, OWNER);

	// A new reservation: a new customer made on the spot, the model found by name, tomorrow.
	await page.goto('/rentals/reservations');
	await expect(page.getByRole('heading', { name: '预约', exact: true })).toBeVisible();
	await page.getByTestId('new-reservation').click();
	const form = page.getByTestId('reservation-form');
	await expect(form.getByRole('heading', { name: '新预约' })).toBeVisible();
	await newCustomer(page, WANG, '13800001111');
	await form.getByLabel('找型号（名称、拼音或编号）').fill(MODEL);
	await form.getByTestId('model-picker').getByRole('button', { name: MODEL }).click();
	await expect(form.getByTestId('chosen-model')).toContainText(MODEL);
	await expect(form.getByLabel('开始日期')).toHaveValue(tomorrow);
	await expect(form.getByLabel('开始时间')).toHaveValue('06:00');
	await expect(form.getByLabel('结束时间')).toHaveValue('18:00');
	await expect(form.getByTestId('available-count')).toHaveText('这段时间可租 2 件');
	await expect(form.getByTestId('reserve-status')).toContainText('可以预约。');
	await form.getByLabel('备注（可不填）').fill('要带两个线组');
	await page.screenshot({ path: shot('tablet-reservation-form'), fullPage: true });
	await form.getByRole('button', { name: '保存预约' }).click();

	// In the list, under tomorrow.
	await expect(page.getByTestId('notice').filter({ hasText: `已为${WANG}保存预约` })).toBeVisible();
	await expect(page.getByTestId('reservation-form')).toHaveCount(0);
	const day = page.locator(`[data-testid="reservation-day"][data-date="${tomorrow}"]`);
	await expect(day.getByRole('heading')).toContainText('明天');
	const wangRow = day.getByTestId('reservation').filter({ hasText: WANG });
	await expect(wangRow).toContainText(MODEL);
	await expect(wangRow).toContainText('06:00');
	await expect(wangRow).toContainText('18:00');
	await expect(wangRow).toContainText('要带两个线组');
	await expect(wangRow).toContainText('任一件');

	// On the model's calendar: tomorrow one reserved and one free; today the overdue rod is out.
	await wangRow.getByRole('link', { name: MODEL }).click();
	await expect(page).toHaveURL(new RegExp(`/rentals/calendar\\?model=${modelId}`));
	await expect(page.getByTestId('calendar-model')).toHaveText(MODEL);
	const cells = page.getByTestId('calendar-day');
	await expect(cells).toHaveCount(21);
	const tomorrowCell = page.locator(`[data-testid="calendar-day"][data-date="${tomorrow}"]`);
	await expect(tomorrowCell).toHaveAttribute('data-reserved', '1');
	await expect(tomorrowCell).toHaveAttribute('data-free', '1');
	await expect(cells.first()).toContainText('今天');
	await expect(cells.first()).toContainText('租出 1');
	await dismissNotices(page);
	await page.screenshot({ path: shot('tablet-reservation-calendar'), fullPage: true });

	// Tapping tomorrow opens the form for that day and model; both rods asked for is refused.
	await tomorrowCell.click();
	await expect(page).toHaveURL(/\/rentals\/reservations\?new=1&model=.+&date=/);
	await expect(form.getByTestId('chosen-model')).toContainText(MODEL);
	await expect(form.getByLabel('开始日期')).toHaveValue(tomorrow);
	await expect(form.getByTestId('available-count')).toHaveText('这段时间可租 1 件');
	await newCustomer(page, LI, '13900002222');
	const pins = form.getByTestId('unit-pins');
	await pins.getByText(CODES[0]).click();
	await pins.getByText(CODES[1]).click();
	const tooFew = '这段时间只剩 1 件可租，不够预约 2 件。请少选几件或换个时间。';
	await expect(form.getByTestId('reserve-status')).toContainText(tooFew);
	await form.getByRole('button', { name: '保存预约' }).click();
	await expect(form.getByRole('alert')).toHaveText(tooFew);
	await page.screenshot({ path: shot('tablet-reservation-refused'), fullPage: true });

	// One rod pinned fits; the next booking of that day is refused: nothing is left.
	await pins.getByText(CODES[0]).click();
	await expect(form.getByTestId('reserve-status')).toContainText('可以预约。');
	await form.getByRole('button', { name: '保存预约' }).click();
	await expect(page.getByTestId('notice').filter({ hasText: `已为${LI}保存预约` })).toBeVisible();
	const liRow = day.getByTestId('reservation').filter({ hasText: LI });
	await expect(liRow).toContainText(`指定：${CODES[1]}`);

	await page.goto(`/rentals/reservations?new=1&model=${modelId}&date=${tomorrow}`);
	await expect(form.getByTestId('available-count')).toHaveText('这段时间可租 0 件');
	await pickCustomer(page, WANG);
	const noneFree = '这段时间已经没有空闲的了（可租 0 件），请换个时间或型号。';
	await expect(form.getByTestId('reserve-status')).toContainText(noneFree);
	await expect(pins.getByRole('checkbox')).toHaveCount(3);
	await expect(pins).toContainText('已被预约');
	await expect(pins).toContainText('租出中');
	await form.getByRole('button', { name: '保存预约' }).click();
	await expect(form.getByRole('alert')).toHaveText(noneFree);
	await form.getByRole('button', { name: '取消', exact: true }).click();
	await expect(page.getByTestId('reservation-form')).toHaveCount(0);
	await expect(day.getByTestId('reservation').filter({ hasText: WANG })).toHaveCount(1);

	// Cancel Wang's reservation with a reason: it folds into the past, and a rod is free again.
	await dismissNotices(page);
	await page.screenshot({ path: shot('tablet-reservations-list'), fullPage: true });
	await wangRow.getByRole('button', { name: '取消预约' }).click();
	const dialog = page.getByRole('dialog', { name: '取消这个预约？' });
	await expect(dialog).toContainText(`${WANG} 预约的 ${MODEL}`);
	await dialog.getByLabel('原因（可不填）').fill('顾客改期');
	await dialog.getByRole('button', { name: '确认取消预约' }).click();
	await expect(dialog).toBeHidden();
	await expect(page.getByTestId('notice').filter({ hasText: `已取消${WANG}的预约` })).toBeVisible();
	await expect(day.getByTestId('reservation').filter({ hasText: WANG })).toHaveCount(0);
	const past = page.getByTestId('past-reservations');
	await expect(past.getByText(WANG)).toBeHidden();
	await past.locator('summary').click();
	await expect(past.getByTestId('reservation').filter({ hasText: WANG })).toContainText('已取消');
	await page.goto(`/rentals/calendar?model=${modelId}`);
	await expect(tomorrowCell).toHaveAttribute('data-free', '1');
	await expect(tomorrowCell).toHaveAttribute('data-reserved', '1');

	// The day-end report: the WeChat deposit, who took it, the deposit held and the late rod.
	await page.goto('/rentals/day');
	await expect(page.getByRole('heading', { name: '日结', exact: true })).toBeVisible();
	await expect(page.getByRole('heading', { name: /今天/ })).toBeVisible();
	const methods = page.getByTestId('by-method');
	for (const name of ['现金', '微信', '支付宝', '刷卡']) {
		await expect(methods.getByRole('rowheader', { name, exact: true })).toBeVisible();
	}
	await expect(methods.locator('[data-method="wechat"]')).toContainText('¥300');
	await expect(methods.locator('[data-method="cash"]')).toContainText('¥300');
	await expect(page.getByTestId('by-staff')).toContainText(OWNER.name);
	const held = page.getByTestId('deposits-held').getByRole('row').filter({ hasText: ZHAO });
	await expect(held).toHaveCount(2);
	await expect(held.first()).toContainText('¥300');
	const late = page.getByTestId('overdue').getByRole('row').filter({ hasText: ZHAO });
	await expect(late).toHaveCount(1);
	await expect(late).toContainText(LURE_CODE);
	await expect(late).toContainText(/分钟|小时/);
	await expect(late.getByRole('link', { name: '查看租单' })).toHaveAttribute(
		'href',
		/\/rentals\/rental\?id=/
	);
	await dismissNotices(page);
	await page.screenshot({ path: shot('tablet-day-report'), fullPage: true });
	await page.emulateMedia({ media: 'print' });
	await expect(page.getByRole('navigation', { name: '主导航' })).toBeHidden();
	await expect(page.getByRole('button', { name: '打印' })).toBeHidden();
	await page.screenshot({ path: shot('tablet-day-report-print'), fullPage: true });
	await page.emulateMedia({ media: 'screen' });
	await page.getByTestId('prev-day').click();
	await expect(page).toHaveURL(new RegExp(`/rentals/day\\?date=${shopDay(-1)}`));
	await expect(page.getByRole('heading', { name: /昨天|今天/ })).toHaveCount(0);
	await expect(page.getByTestId('next-day')).toBeVisible();

	// At phone width: the list, the calendar and the report still fit.
	await page.setViewportSize(PHONE);
	await page.goto('/rentals/reservations');
	await expect(liRow).toBeVisible();
	await page.screenshot({ path: shot('phone-reservations'), fullPage: true });
	await page.goto(`/rentals/calendar?model=${modelId}`);
	await expect(tomorrowCell).toBeVisible();
	await page.screenshot({ path: shot('phone-reservation-calendar'), fullPage: true });
	await page.goto('/rentals/day');
	await expect(page.getByTestId('overdue')).toBeVisible();
	await page.screenshot({ path: shot('phone-day-report'), fullPage: true });
	const overflow = await page.evaluate(
		() => document.documentElement.scrollWidth - document.documentElement.clientWidth
	);
	expect(overflow).toBeLessThanOrEqual(0);

	expect(pageErrors).toEqual([]);
	await context.close();
});
