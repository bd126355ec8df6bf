/**
 * Rentals in zh-CN on tablets, against the real server:
 * 1. Tablet A goes offline and checks out R-0012 to one customer while tablet B checks it out to
 *    another; A reconnects; both tablets show the conflict; B resolves it by swapping a unit onto
 *    its rental; A shows it resolved.
 * 2. A whole rental on a fixed clock (Friday 2026-11-27 10:00 Shanghai): check-out with a deposit
 *    and a signature, back two hours late on Saturday with a damage photo, the itemised settlement
 *    with its refund, and the receipt.
 * Gear comes from `seedSeaRods` (R-0011…R-0014); customer names carry a per-run number.
 */
import { expect, test, type Page } from '@playwright/test';
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
import { seedSeaRods } from './seed.ts';

const run = String((Date.now() % 9000) + 1000);
const WANG = `王师傅${run}`;
const LI = `李大姐${run}`;
const ZHANG = `张大爷${run}`;

/** Starts a check-out with a new customer and the given code; leaves the page at the form. */
async function startCheckOut(page: Page, customer: string, phone: string, code: string) {
	await page.goto('/rentals');
	await page.getByTestId('start-check-out').click();
	await expect(page.getByRole('heading', { name: '出租', exact: true })).toBeVisible();
	const picker = page.getByTestId('customer-picker');
	await picker.getByTestId('new-customer').click();
	await picker.getByLabel('姓名').fill(customer);
	await picker.getByLabel('手机号').fill(phone);
	await picker.getByRole('button', { name: '添加并选中' }).click();
	await expect(page.getByTestId('chosen-customer')).toContainText(customer);
	await page.getByTestId('check-out-code').fill(code);
	await page.getByTestId('check-out-code').press('Enter');
	await expect(page.getByTestId('check-out-units')).toContainText(code);
}

async function submitCheckOut(page: Page) {
	await page.getByTestId('check-out-submit').click();
	await expect(page.getByTestId('rental-status')).toHaveText('在租');
}

test('an offline double check-out shows on both tablets and a swap resolves it', async ({
	browser,
	request,
	baseURL
}) => {
	const token = await ensureAccounts(request, [{ ...STAFF, role: 'staff' }]);
	await seedSeaRods(baseURL!, token);
	const a = await newTablet(browser);
	const b = await newTablet(browser);
	await logIn(a.page, OWNER);
	await logIn(b.page, STAFF);
	await a.page.goto('/rentals');
	await b.page.goto('/rentals');
	await expectOnline(a.page);

	// A loses the shop's Wi-Fi and rents R-0012 out; B, online, rents the same rod out.
	await a.context.setOffline(true);
	await startCheckOut(a.page, WANG, '13800001111', 'R-0012');
	await submitCheckOut(a.page);
	await startCheckOut(b.page, LI, '13900002222', 'R-0012');
	await submitCheckOut(b.page);

	// A comes back: both tablets now see R-0012 out twice.
	await a.context.setOffline(false);
	for (const page of [a.page, b.page]) {
		await page.goto('/rentals');
		await expect(page.getByTestId('conflicts')).toContainText('R-0012 同时出租在');
		await expect(page.getByTestId('conflicts')).toContainText(WANG);
		await expect(page.getByTestId('conflicts')).toContainText(LI);
		await expect(page.getByTestId('nav-badge')).toHaveText('1');
	}
	await b.page.screenshot({ path: shot('rentals-conflict'), fullPage: true });

	// B keeps the rod with 王师傅 and puts another one on 李大姐's rental.
	await b.page.getByRole('button', { name: `R-0012 留给 ${WANG}，给 ${LI} 换一件` }).click();
	const spare = await b.page.getByTestId('swap-spare').inputValue();
	expect(spare).not.toBe('');
	await b.page.getByRole('button', { name: '确认处理' }).click();
	await expect(b.page.getByTestId('conflicts')).toHaveCount(0);

	// A sees it resolved, and 李大姐's rental holds the swapped-in rod.
	await expect(a.page.getByTestId('conflicts')).toHaveCount(0);
	await expect(a.page.getByTestId('nav-badge')).toHaveCount(0);
	const liRow = a.page.getByTestId('rental-row').filter({ hasText: LI });
	await expect(liRow).toContainText(/R-001[134]/);
	await expect(liRow).not.toContainText('R-0012');
	await a.page.screenshot({ path: shot('rentals-conflict-resolved'), fullPage: true });
});

test('a whole rental: deposit, two hours late with a damage photo, refund and receipt', async ({
	browser,
	request,
	baseURL
}) => {
	const token = await ensureAccounts(request, []);
	await seedSeaRods(baseURL!, token);
	const { context, page } = await newTablet(browser);
	const friday10 = new Date('2026-11-27T10:00:00+08:00');
	await context.clock.setFixedTime(friday10);
	await logIn(page, OWNER);

	// Check-out: one day, quoted at the Friday rate; deposit 300 by WeChat; the customer signs.
	await startCheckOut(page, ZHANG, '13700003333', 'R-0014');
	await page.getByRole('button', { name: '1 天' }).click();
	await expect(page.getByTestId('quote-total')).toHaveText('¥30');
	await expect(page.getByTestId('deposit')).toHaveValue('300.00');
	await page.getByRole('radio', { name: '微信' }).check();
	const pad = page.getByTestId('signature-pad');
	await pad.scrollIntoViewIfNeeded();
	const box = (await pad.boundingBox())!;
	await page.mouse.move(box.x + 30, box.y + box.height / 2);
	await page.mouse.down();
	for (let i = 1; i <= 10; i += 1) {
		await page.mouse.move(box.x + 30 + i * 25, box.y + box.height / 2 + (i % 2 ? -20 : 20));
	}
	await page.mouse.up();
	await page.screenshot({ path: shot('rental-check-out-form'), fullPage: true });
	await submitCheckOut(page);
	await expect(page.getByTestId('receipt')).toContainText('出租单');
	await expect(page.getByTestId('receipt')).toContainText('收押金 ¥300 · 微信');
	await expect(page.getByTestId('receipt').getByRole('img', { name: '顾客签名' })).toBeVisible();
	await page.getByTestId('receipt').screenshot({ path: shot('rental-check-out-receipt') });

	// Saturday 12:00: two hours past the due time.
	await context.clock.setFixedTime(new Date('2026-11-28T12:00:00+08:00'));
	await page.reload();
	await expect(page.getByTestId('rental-status')).toHaveText('在租');
	await expect(page.getByText('已逾期 2 小时 0 分')).toBeVisible();

	await page.getByTestId('return-R-0014').check();
	await page.getByPlaceholder('例如：完好 / 竿梢有划痕').fill('竿梢断了');
	await page.getByTestId('check-in-submit').click();
	await expect(page.getByTestId('rental-status')).toHaveText('已还未结');

	// Damage from the model's price list, with a photo as evidence.
	const damage = page.getByTestId('damage-form');
	await damage.getByRole('button', { name: '竿梢断裂 ¥80' }).click();
	await expect(damage.getByTestId('damage-amount')).toHaveValue('80.00');
	const photo = await page.screenshot({ clip: { x: 0, y: 0, width: 64, height: 48 } });
	await damage.locator('input[type=file]').setInputFiles({
		name: 'tip.png',
		mimeType: 'image/png',
		buffer: photo
	});
	await expect(damage.getByRole('img')).toHaveCount(1);
	await damage.getByTestId('damage-submit').click();
	await expect(page.getByText('竿梢断裂 · ¥80')).toBeVisible();

	// The bill: Friday ¥30 + Saturday by the hour 2 × ¥5, damage ¥80 = ¥120; refund ¥180.
	const bill = page.getByTestId('settlement').first();
	await expect(bill).toContainText('按小时');
	await expect(bill.getByTestId('charges')).toHaveText('¥120');
	await expect(bill.getByTestId('refund')).toHaveText('¥180');
	await page.getByRole('radio', { name: '微信' }).check();
	await page.getByTestId('settle-submit').click();
	await expect(page.getByTestId('rental-status')).toHaveText('已结算');
	await expect(page.getByTestId('entries')).toContainText('退款');

	const receipt = page.getByTestId('receipt');
	await expect(receipt).toContainText('收据');
	await expect(receipt.getByTestId('refund')).toHaveText('¥180');
	await page.screenshot({ path: shot('rental-settled'), fullPage: true });
	await receipt.screenshot({ path: shot('rental-receipt') });

	// The owner checks the same rental on a phone.
	await page.setViewportSize(PHONE);
	await expect(page.getByTestId('settled')).toBeVisible();
	await page.screenshot({ path: shot('phone-rental-settled'), fullPage: true });
	await page.goto('/rentals/check-out');
	await page.screenshot({ path: shot('phone-check-out'), fullPage: true });
});
