/**
 * A photo of a unit, taken on the tablet: resized on the device, shown at once from local
 * storage, sent to the server by the outbox, and still there on another tablet.
 */
import { expect, test } from '@playwright/test';
import { ensureAccounts, logIn, newTablet, OWNER, shot } from './helpers.ts';

test('a unit photo is kept on the tablet, uploaded, and seen on another tablet', async ({
	browser,
	request
}) => {
	const token = await ensureAccounts(request, []);
	// Gear to photograph: the demo shop if the inventory is still empty (409 means it is not).
	const demo = await request.post('/api/demo', {
		headers: { authorization: `Bearer ${token}` },
		data: { size: 'shop' }
	});
	expect([200, 201, 409]).toContain(demo.status());

	const a = await newTablet(browser);
	await logIn(a.page, OWNER);
	await a.page.goto('/inventory?status=in-stock');
	const firstUnit = a.page.getByTestId('unit-row').first();
	await firstUnit.click();
	const code = (await a.page.getByTestId('unit-code').textContent())!.trim();
	const unitUrl = a.page.url();

	// Any real image will do: a piece of the screen as PNG.
	const png = await a.page.screenshot({ clip: { x: 0, y: 0, width: 64, height: 48 } });
	const strip = a.page.getByTestId('photos');
	await strip.locator('input[type=file]').setInputFiles({
		name: 'rod.png',
		mimeType: 'image/png',
		buffer: png
	});
	await expect(strip.locator('img')).toHaveCount(1);
	// The outbox sends it; the "waiting" caption goes away once the server has it.
	await expect(strip.getByText('待上传')).toHaveCount(0, { timeout: 15_000 });
	await a.page.screenshot({ path: shot('tablet-unit-photo') });

	const b = await newTablet(browser);
	await logIn(b.page, OWNER);
	await b.page.goto(unitUrl);
	await expect(b.page.getByTestId('unit-code')).toHaveText(code);
	const img = b.page.getByTestId('photos').locator('img');
	await expect(img).toHaveCount(1);
	await expect
		.poll(() => img.evaluate((el: HTMLImageElement) => el.naturalWidth))
		.toBeGreaterThan(0);
	await a.context.close();
	await b.context.close();
});
