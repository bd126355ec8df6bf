/**
 * The customer's side of the chat on a phone: opens the link with no account, sees the shop and
 * the rental, sends text, a photo and a voice note, confirms the rental terms, writes while
 * offline (shown as sending) and gets them delivered once, in order, on reconnect; reopens
 * offline; sees the shop typing and reading; a revoked link gets its own page. The staff side is
 * a stock y-websocket client in Node, as a tablet would be.
 */
import { chromium, expect, test } from '@playwright/test';
import type { Browser, Page } from '@playwright/test';
import { postMessage, markRead } from '../../src/lib/crdt/thread.ts';
import type { Message } from '../../src/lib/domain/thread.ts';
import config from '../../playwright.config.ts';
import { CHAT_SHOP, seedChatCustomer, staffThread, waitFor } from './chat-seed.ts';
import { ensureAccounts, PHONE, serviceWorkerReady, shot, STAFF } from './helpers.ts';

const TERMS_HASH = '5eed5eed5eed5eed';

/** Chromium with a fake microphone that needs no permission prompt (voice notes). */
async function browserWithMicrophone(): Promise<Browser> {
	const launch = config.use?.launchOptions ?? {};
	return chromium.launch({
		...launch,
		args: [
			...(launch.args ?? []),
			'--use-fake-device-for-media-stream',
			'--use-fake-ui-for-media-stream'
		]
	});
}

async function customerMessages(page: Page) {
	return page.locator('[data-testid="message"]');
}

test('a customer chats from the link on a phone, offline and back', async ({
	request,
	baseURL
}) => {
	test.setTimeout(120_000);
	const base = baseURL!;
	const ownerToken = await ensureAccounts(request, [{ ...STAFF, role: 'staff' }]);
	const customerId = await seedChatCustomer(base, ownerToken, '钓友老张');
	const issued = await request.post(`/api/customers/${customerId}/link`, {
		headers: { authorization: `Bearer ${ownerToken}` }
	});
	expect(issued.status()).toBe(201);
	const { path } = (await issued.json()) as { path: string };
	const login = await request.post('/api/login', {
		data: { name: STAFF.name, pin: STAFF.pin, device: 'e2e-chat-staff' }
	});
	const { token: staffToken, account } = (await login.json()) as {
		token: string;
		account: { id: string };
	};
	const staffSender = { role: 'staff' as const, id: account.id };
	const staff = staffThread(base, staffToken, customerId);
	await staff.synced;

	const browser = await browserWithMicrophone();
	const context = await browser.newContext({
		baseURL: base,
		viewport: PHONE,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		serviceWorkers: 'allow',
		permissions: ['microphone'],
		hasTouch: true
	});
	const page = await context.newPage();
	try {
		// Opens with no account: the shop, the rental from the ledger, an empty conversation.
		await page.goto(path);
		await expect(page.getByTestId('customer-chat')).toHaveAttribute('data-ready', 'true');
		await serviceWorkerReady(page);
		await expect(page.getByRole('heading', { name: CHAT_SHOP.name })).toBeVisible();
		await expect(page.getByTestId('shop-phone')).toHaveAttribute('href', 'tel:057188886666');
		await expect(page.getByTestId('portal-rental')).toContainText('R-0901');
		await expect(page.getByTestId('time-left')).toContainText('还剩');
		await expect(page).toHaveTitle(CHAT_SHOP.name);
		await page.screenshot({ path: shot('phone-customer-chat-open') });

		// Text.
		const messages = await customerMessages(page);
		await page.getByTestId('composer-input').fill('你好，明天还能续租一天吗？');
		await page.getByTestId('composer-send').click();
		await expect(messages).toHaveCount(1);
		await expect(messages.first()).toContainText('你好，明天还能续租一天吗？');
		await expect(page.locator('[data-pending]')).toHaveCount(0);

		// A photo, resized on the phone, shown at once and uploaded.
		const png = await page.screenshot({ clip: { x: 0, y: 0, width: 200, height: 150 } });
		await page
			.getByTestId('photo-input')
			.setInputFiles({ name: 'reel.png', mimeType: 'image/png', buffer: png });
		await expect(page.getByTestId('message-image')).toBeVisible();
		await expect(page.getByTestId('upload-progress')).toHaveCount(0, { timeout: 15_000 });
		await expect(page.getByTestId('upload-waiting')).toHaveCount(0, { timeout: 15_000 });

		// A voice note: hold, watch the duration, release.
		const voice = page.getByTestId('voice-button');
		const box = (await voice.boundingBox())!;
		await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await page.mouse.down();
		await expect(page.getByTestId('voice-label')).toContainText('松开发送 · 0:01', {
			timeout: 5_000
		});
		await page.mouse.up();
		await expect(page.getByTestId('message-voice')).toBeVisible();
		await expect(page.getByTestId('message-voice').locator('audio')).toHaveAttribute(
			'src',
			/^blob:/
		);
		await expect(page.locator('[data-pending]')).toHaveCount(0);

		// The shop types, answers with the terms of the rental, and reads.
		staff.awareness.setLocalState({ user: { id: account.id, name: STAFF.name }, typing: true });
		await expect(page.getByTestId('shop-typing')).toHaveText('店员正在输入…');
		await page.screenshot({ path: shot('phone-customer-chat-typing') });
		staff.awareness.setLocalStateField('typing', false);
		await expect(page.getByTestId('shop-typing')).toHaveCount(0);
		const reply: Message = {
			id: 'staff-reply-1',
			from: staffSender,
			at: Date.now(),
			kind: 'text',
			text: '可以的，这是您这次的租赁条款，请确认。'
		};
		postMessage(staff.doc, reply, 'e2e');
		const terms: Message = {
			id: 'staff-terms-1',
			from: staffSender,
			at: Date.now(),
			kind: 'card',
			card: {
				type: 'rental-terms',
				rentalId: 'e2e-rental-1',
				hash: TERMS_HASH,
				units: [
					{
						code: 'R-0901',
						modelName: '3.6米海竿',
						rates: { daily: 3000, weekend: 4000, hourlyLate: 500, deposit: 30_000 }
					}
				],
				outAt: Date.now() - 3_600_000,
				dueAt: Date.now() + 26 * 3_600_000,
				deposit: 30_000,
				graceMinutes: 60
			}
		};
		postMessage(staff.doc, terms, 'e2e');
		const card = page.getByTestId('rental-card');
		await expect(card).toContainText('租赁条款');
		await expect(card).toContainText('平日 ¥30/天');
		await expect(card).toContainText('超过新的一天开始 60 分钟才按新的一天计费');
		// The customer saw them (visible, at the end): their receipt reaches the shop.
		await waitFor(
			() => staff.read().receipts[`customer:${customerId}`] === 'staff-terms-1',
			'customer receipt'
		);
		await page.screenshot({ path: shot('phone-customer-chat-terms'), fullPage: true });

		// Confirm the terms.
		await card.getByRole('button', { name: '确认' }).click();
		await expect(page.getByTestId('card-confirmed')).toContainText('已确认');
		await waitFor(
			() =>
				staff
					.read()
					.messages.some(
						(m) =>
							m.kind === 'card' &&
							m.card.type === 'confirmation' &&
							m.card.of === 'staff-terms-1' &&
							m.card.hash === TERMS_HASH
					),
			'confirmation at the shop'
		);
		const lastMine = staff.read().messages.at(-1)!;
		markRead(staff.doc, `staff:${account.id}`, lastMine.id, 'e2e');
		await expect(page.getByTestId('read')).toHaveCount(1);
		await expect(page.locator(`[data-id="${lastMine.id}"]`).getByTestId('read')).toHaveText(
			'· 已读'
		);

		// Offline: two messages are kept on the phone and shown as sending.
		await context.setOffline(true);
		await expect(page.getByTestId('chat-offline')).toBeVisible();
		for (const text of ['离线第一条：我在水库边', '离线第二条：信号不好']) {
			await page.getByTestId('composer-input').fill(text);
			await page.getByTestId('composer-send').click();
		}
		await expect(page.locator('[data-pending="true"]')).toHaveCount(2);
		await expect(page.locator('[data-pending="true"]').first()).toContainText('发送中');
		await expect(page.getByTestId('offline-note')).toContainText('2 条消息等待发送');
		await page.screenshot({ path: shot('phone-customer-chat-offline') });

		// Back online: sent, once and in order.
		await context.setOffline(false);
		await expect(page.locator('[data-pending]')).toHaveCount(0, { timeout: 20_000 });
		await waitFor(
			() => staff.read().messages.filter((m) => m.from.role === 'customer').length === 6,
			'all customer messages at the shop'
		);
		const fromCustomer = staff.read().messages.filter((m) => m.from.role === 'customer');
		expect(fromCustomer.map((m) => m.kind)).toEqual([
			'text',
			'image',
			'voice',
			'card',
			'text',
			'text'
		]);
		expect(new Set(fromCustomer.map((m) => m.id)).size).toBe(6);
		expect(fromCustomer.slice(-2).map((m) => (m.kind === 'text' ? m.text : ''))).toEqual([
			'离线第一条：我在水库边',
			'离线第二条：信号不好'
		]);
		await page.screenshot({ path: shot('phone-customer-chat-sent'), fullPage: true });

		// Unread while the page is in the background: count in the title, dot on the icon.
		await page.evaluate(() => {
			Object.defineProperty(document, 'visibilityState', { value: 'hidden', configurable: true });
			document.dispatchEvent(new Event('visibilitychange'));
		});
		postMessage(
			staff.doc,
			{ id: 'staff-reply-2', from: staffSender, at: Date.now(), kind: 'text', text: '收到！' },
			'e2e'
		);
		await expect(page).toHaveTitle(`(1) ${CHAT_SHOP.name}`);
		await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', /^data:image\/svg/);
		await page.evaluate(() => {
			Object.defineProperty(document, 'visibilityState', { value: 'visible', configurable: true });
			document.dispatchEvent(new Event('visibilitychange'));
		});
		await expect(page).toHaveTitle(CHAT_SHOP.name);
		await expect(page.locator('link[rel="icon"]')).toHaveAttribute('href', '/favicon.svg');

		// Reopened with no network: the service worker serves the page, the phone the thread.
		await context.setOffline(true);
		await page.reload();
		await expect(page.getByTestId('customer-chat')).toHaveAttribute('data-ready', 'true');
		await expect(messages).toHaveCount(9);
		await expect(page.getByTestId('message-image')).toBeVisible();
		await expect(page.getByRole('heading', { name: CHAT_SHOP.name })).toBeVisible();
		await page.screenshot({ path: shot('phone-customer-chat-reopened-offline') });
		await context.setOffline(false);
		await expect(page.getByTestId('chat-offline')).toHaveCount(0, { timeout: 20_000 });

		// The shop revokes the link: the page says so and how to reach the shop.
		const revoked = await request.delete(`/api/customers/${customerId}/link`, {
			headers: { authorization: `Bearer ${ownerToken}` }
		});
		expect(revoked.status()).toBe(200);
		await expect(page.getByTestId('link-ended')).toContainText(
			'这个链接已失效，请联系店家获取新链接'
		);
		await expect(page.getByTestId('link-ended')).toContainText(CHAT_SHOP.phone);
		await page.screenshot({ path: shot('phone-customer-chat-revoked') });
	} finally {
		staff.close();
		await context.close();
		await browser.close();
	}
});
