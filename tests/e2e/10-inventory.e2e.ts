/**
 * Inventory in zh-CN on a tablet: the owner adds a sea rod model and three units, takes one to
 * the workshop and back, records a service, and finds the model by pinyin, initials and "3米6".
 * Runs on its own (accounts made through the API) or after the other specs (the shop may
 * already hold gear then, so codes and counts are read from the page, not assumed).
 */
import { expect, test, type Page } from '@playwright/test';
import { ensureAccounts, logIn, newTablet, OWNER, PHONE, shot } from './helpers.ts';

const MODEL_NAME = '光威 3.6米海竿';

async function openInventory(page: Page): Promise<void> {
	await page.getByRole('link', { name: '库存', exact: true }).click();
	await expect(page.getByRole('heading', { name: '库存', exact: true })).toBeVisible();
}

/** Closes the notices, so a screenshot shows the page rather than a stack of "done" messages. */
async function dismissNotices(page: Page): Promise<void> {
	const close = page.getByTestId('notice').getByRole('button', { name: '知道了' });
	while ((await close.count()) > 0) await close.first().click();
}

async function search(page: Page, query: string): Promise<void> {
	await page.getByLabel('搜索渔具').fill(query);
	await expect(page).toHaveURL(/[?&]q=/);
}

test('add a model and units, workshop and back, service, search by pinyin', async ({
	browser,
	request
}) => {
	await ensureAccounts(request, []);
	const { context, page } = await newTablet(browser);
	await logIn(page, OWNER);
	await openInventory(page);
	if (await page.getByTestId('inventory-empty').isVisible()) {
		await page.screenshot({ path: shot('tablet-inventory-empty') });
	}

	// A new model: the form refuses a price with three decimals, in Chinese, next to the field.
	await page.getByTestId('add-model').click();
	await expect(page.getByRole('heading', { name: '新增型号' })).toBeVisible();
	const form = page.getByTestId('model-form');
	await form.getByLabel('类别').selectOption({ label: '海竿' });
	await form.getByLabel('名称').fill(MODEL_NAME);
	await form.getByLabel('品牌').fill('光威');
	await form.getByLabel('长度').fill('3.6');
	await form.getByLabel('节数').fill('4');
	await form.getByLabel('硬度').selectOption({ label: '硬' });
	await form.getByLabel('日租', { exact: true }).fill('30.555');
	await form.getByLabel('周末日租').fill('40');
	await form.getByLabel('押金').fill('300');
	await form.getByRole('button', { name: '保存' }).click();
	await expect(form.getByText('请输入金额，如 30 或 30.50（最多两位小数）')).toBeVisible();
	await expect(form.getByText('必填')).toBeVisible(); // the replacement value
	await expect(form.getByRole('alert')).toHaveText('有 2 处需要修改，请看标红的地方。');
	await form.getByLabel('日租', { exact: true }).fill('30');
	await form.getByLabel('赔偿价').fill('450');
	await form.getByLabel('每出租几次').fill('10');
	await form.getByRole('button', { name: '保存' }).click();

	await expect(page).toHaveURL(/\/inventory\/model\?id=/);
	const modelId = new URL(page.url()).searchParams.get('id') ?? '';
	await expect(page.getByTestId('model-name')).toHaveText(MODEL_NAME);
	await expect(
		page.getByTestId('notice').filter({ hasText: `已新增“${MODEL_NAME}”` })
	).toBeVisible();
	await expect(page.getByTestId('rate-daily')).toHaveText('¥30');
	await expect(page.getByTestId('rate-weekend')).toHaveText('¥40');
	await expect(page.getByTestId('rate-deposit')).toHaveText('¥300');
	await expect(page.getByTestId('rate-replacementValue')).toHaveText('¥450');
	await expect(page.getByTestId('model-summary')).toContainText('3.6 m');

	// An edit keeps the yuan exact: ¥45.50 is 4550 fen, shown back as ¥45.50.
	await page.getByRole('button', { name: '编辑' }).click();
	await page.getByTestId('model-form').getByLabel('周末日租').fill('45.5');
	await page.getByTestId('model-form').getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('rate-weekend')).toHaveText('¥45.50');
	await page.getByRole('button', { name: '编辑' }).click();
	await expect(page.getByTestId('model-form').getByLabel('周末日租')).toHaveValue('45.50');
	await page.getByTestId('model-form').getByLabel('周末日租').fill('40');
	await page.getByTestId('model-form').getByRole('button', { name: '保存' }).click();
	await expect(page.getByTestId('rate-weekend')).toHaveText('¥40');

	// Three units with the sea rod prefix, numbered on from whatever the shop already has.
	const adding = page.getByTestId('add-units');
	await adding.getByLabel('数量').fill('3');
	await expect(adding.getByTestId('code-preview')).toHaveText(/^将编号为 HG-\d{4} 至 HG-\d{4}$/);
	await adding.getByRole('button', { name: '添加单品' }).click();
	const rows = page.getByTestId('model-units').getByTestId('unit-row');
	await expect(rows).toHaveCount(3);
	await expect(page.getByTestId('notice').filter({ hasText: '已添加 3 件' })).toBeVisible();
	const codes = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-code')));
	expect(codes).toHaveLength(3);
	for (const code of codes) expect(code).toMatch(/^HG-\d{4}$/);
	const [first, second] = codes.map((code) => code ?? '');
	expect(Number(second.slice(3))).toBe(Number(first.slice(3)) + 1);
	await expect(rows.first()).toContainText('在库');
	await expect(page.getByTestId('print-new')).toHaveAttribute(
		'href',
		/\/inventory\/labels\?units=/
	);
	await dismissNotices(page);
	await page.screenshot({ path: shot('tablet-inventory-model'), fullPage: true });

	// The first unit: to the workshop (asked first) and back.
	await rows.first().click();
	await expect(page.getByTestId('unit-code')).toHaveText(first);
	const status = page.getByTestId('unit-status');
	await expect(status).toContainText('在库');
	await page.getByRole('button', { name: '送修' }).click();
	const confirm = page.getByRole('dialog');
	await expect(confirm).toContainText(`把 ${first} 送去维修？`);
	await confirm.getByRole('button', { name: '送修' }).click();
	await expect(status).toContainText('维修中');
	await expect(status).toContainText('起在维修');
	await expect(page.getByTestId('log-entry').first()).toContainText('送修');
	await page.getByRole('button', { name: '修好取回' }).click();
	await expect(status).toContainText('在库');
	await expect(page.getByTestId('log-entry').first()).toContainText('修好取回');

	// A service with what was done and its cost in yuan.
	await page.getByRole('button', { name: '记录保养' }).click();
	const service = page.getByRole('dialog', { name: `记录保养：${first}` });
	await service.getByLabel('做了什么').fill('换导环，清洗上油');
	await service.getByLabel('费用（元，可不填）').fill('15.5');
	await service.getByRole('button', { name: '保存记录' }).click();
	await expect(service).toBeHidden();
	const serviced = page.getByTestId('log-entry').first();
	await expect(serviced).toHaveAttribute('data-kind', 'serviced');
	await expect(serviced).toContainText('换导环，清洗上油');
	await expect(serviced).toContainText('费用 ¥15.50');
	await expect(page.getByTestId('unit-service')).toContainText('上次保养：');
	await expect(page.getByTestId('unit-service')).toContainText('每出租 10 次保养一次');

	// Condition notes are saved on the unit.
	await page.getByLabel('状况备注').fill('第二节有轻微划痕');
	await page.getByRole('button', { name: '保存资料' }).click();
	await expect(page.getByTestId('unit-details').getByRole('status')).toHaveText('已保存。');
	await expect(page.getByTestId('print-label')).toHaveAttribute(
		'href',
		/\/inventory\/labels\?units=/
	);
	await dismissNotices(page);
	await page.screenshot({ path: shot('tablet-inventory-unit'), fullPage: true });

	// Search: full pinyin, initials and a length written the Chinese way all find the model.
	await openInventory(page);
	await dismissNotices(page);
	const card = page.locator(`[data-testid="model-card"][href*="${modelId}"]`);
	for (const query of ['haigan', 'hg', '3米6', '光威 3.6']) {
		await search(page, query);
		await expect(card, query).toBeVisible();
		await expect(card).toContainText('日租 ¥30');
		await expect(card).toContainText('押金 ¥300');
	}
	await search(page, 'haigan');
	await page.screenshot({ path: shot('tablet-inventory-search') });

	// A code typed loosely (lower case, no dash) finds the unit; Enter opens it.
	const loose = `${first.slice(0, 2).toLowerCase()}${Number(first.slice(3))}`;
	await search(page, loose);
	await expect(page.locator(`[data-testid="unit-row"][data-code="${first}"]`)).toBeVisible();
	await page.getByLabel('搜索渔具').press('Enter');
	await expect(page.getByTestId('unit-code')).toHaveText(first);

	// The status filter keeps to units in the workshop: none of ours is there now.
	await openInventory(page);
	await page.getByRole('button', { name: '维修中' }).click();
	await expect(page).toHaveURL(/status=workshop/);
	await expect(page.locator(`[data-testid="unit-row"][data-code="${first}"]`)).toHaveCount(0);
	await page.getByRole('button', { name: '在库' }).click();
	await expect(page.locator(`[data-testid="unit-row"][data-code="${first}"]`)).toBeVisible();
	await page.getByLabel('搜索渔具').fill('');
	await page.getByRole('button', { name: '清除筛选' }).first().click();
	await expect(page).toHaveURL(/\/inventory$/);
	await page.screenshot({ path: shot('tablet-inventory-list') });

	// The dashboard counts units by status; a tile opens the filtered list.
	await page.getByRole('link', { name: '首页' }).click();
	const units = page.getByTestId('units-card');
	await expect(units).toBeVisible();
	const inStock = units.locator('a[data-status="in-stock"]');
	expect(Number(await inStock.locator('.count').textContent())).toBeGreaterThanOrEqual(3);
	await expect(page.getByTestId('due-card')).toBeVisible();
	await page.screenshot({ path: shot('tablet-dashboard-inventory'), fullPage: true });
	await inStock.click();
	await expect(page).toHaveURL(/\/inventory\?status=in-stock/);
	await expect(page.getByRole('button', { name: '在库' })).toHaveAttribute('aria-pressed', 'true');
	await context.close();

	// The same pages on a phone.
	const phone = await newTablet(browser, PHONE);
	await logIn(phone.page, OWNER);
	await openInventory(phone.page);
	await search(phone.page, 'hg');
	await expect(phone.page.locator(`[data-testid="model-card"][href*="${modelId}"]`)).toBeVisible();
	await phone.page.screenshot({ path: shot('phone-inventory-list') });
	await phone.page.locator(`[data-testid="model-card"][href*="${modelId}"]`).click();
	await expect(phone.page.getByTestId('model-name')).toHaveText(MODEL_NAME);
	await phone.page.screenshot({ path: shot('phone-inventory-model'), fullPage: true });
	await phone.page.getByTestId('model-units').getByTestId('unit-row').first().click();
	await expect(phone.page.getByTestId('unit-code')).toHaveText(first);
	await phone.page.screenshot({ path: shot('phone-inventory-unit'), fullPage: true });
	await phone.context.close();
});
