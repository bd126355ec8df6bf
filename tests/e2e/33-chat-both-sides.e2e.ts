/**
 * The chat with both sides in real browsers, zh-CN, against the one server: a customer on a
 * phone (390×844) opening their link, and the owner on a landscape tablet (1180×820) in 消息.
 * 1. The customer sends text, a photo and a voice note (a fake microphone), goes offline,
 *    writes two messages (发送中), comes back: they are sent.
 * 2. The tablet shows the thread with 5 unread; opened, the five messages are there once each, in
 *    order, photo and voice playable; the phone shows 已读 under the customer's last message.
 * 3. Typing shows both ways; the customer asks and sends a photo into the open thread; staff
 *    answer with the owner's quick reply with an image; both pictures load on the other side
 *    even though each message arrives before its upload; the tablet shows 已读 under the reply.
 * 4. From the rental, staff send the terms; the customer taps 确认 on the phone; the rental page
 *    on the tablet says "顾客已于 … 确认", and so does the card in the conversation, which
 *    opens at the newest message.
 * Screenshots of both sides (test-results/screens/both-sides-*.png).
 */
import { chromium, expect, test } from '@playwright/test';
import type { Browser, Locator, Page, Route } from '@playwright/test';
import { readLedger } from '../../src/lib/crdt/ledger.ts';
import { readThread, threadDocName } from '../../src/lib/crdt/thread.ts';
import config from '../../playwright.config.ts';
import { CHAT_SHOP, openDoc, seedChatCustomer, waitFor } from './chat-seed.ts';
import { ensureAccounts, logIn, newTablet, OWNER, PHONE, shot } from './helpers.ts';
import { stored } from './sync-client.ts';

const run = String((Date.now() % 9000) + 1000);
const CUSTOMER = `钓友老陈${run}`;
const QUICK_TEXT = `押金可扫码支付，价目表见图 ${run}`;
const FIRST = '你好，我在码头，想问下海竿怎么收线？';
const OFFLINE = ['离线第一条：这边信号时有时无', '离线第二条：我先把竿收好'];
const QUESTION = '押金怎么付？';

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

/** A picture drawn in the page, as PNG bytes: a stand-in for a photo from the gallery. */
async function picture(page: Page, label: string, top: string, bottom: string): Promise<Buffer> {
	const dataUrl = await page.evaluate(
		([label, top, bottom]) => {
			const canvas = document.createElement('canvas');
			canvas.width = 480;
			canvas.height = 320;
			const g = canvas.getContext('2d')!;
			const fill = g.createLinearGradient(0, 0, 0, canvas.height);
			fill.addColorStop(0, top);
			fill.addColorStop(1, bottom);
			g.fillStyle = fill;
			g.fillRect(0, 0, canvas.width, canvas.height);
			g.fillStyle = '#fff';
			g.font = 'bold 52px sans-serif';
			g.textAlign = 'center';
			g.textBaseline = 'middle';
			g.fillText(label, canvas.width / 2, canvas.height / 2);
			return canvas.toDataURL('image/png');
		},
		[label, top, bottom]
	);
	return Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
}

/** The owner's quick reply with a picture (a price list, a payment QR code), from settings. */
async function setQuickReply(page: Page) {
	await page.goto('/settings');
	const section = page.getByTestId('quick-replies');
	await section.getByTestId('quick-text').fill(QUICK_TEXT);
	const png = await picture(page, `价目表 · 扫码付押金`, '#0f766e', '#134e4a');
	await section.getByTestId('quick-image').setInputFiles({
		name: 'price-list.png',
		mimeType: 'image/png',
		buffer: png
	});
	await expect(section.locator('form img')).toBeVisible();
	await section.getByTestId('quick-save').click();
	await expect(section.getByTestId('quick-reply').filter({ hasText: QUICK_TEXT })).toBeVisible();
}

/** The rental the seed checked out to this customer. */
async function rentalOf(baseURL: string, token: string, customerId: string): Promise<string> {
	const ledger = openDoc(baseURL, token, 'ledger');
	try {
		let rentalId: string | undefined;
		await waitFor(() => {
			for (const event of readLedger(ledger.doc).events) {
				if (event.kind === 'checked-out' && event.customerId === customerId) {
					rentalId = event.rentalId;
				}
			}
			return rentalId !== undefined;
		}, 'the seeded rental');
		return rentalId!;
	} finally {
		ledger.close();
	}
}

/** An image that has loaded (not just an element with a src). */
async function expectLoaded(image: Locator) {
	await expect(image).toBeVisible();
	await expect
		.poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), {
			timeout: 15_000
		})
		.toBeGreaterThan(0);
}

/** Every bubble of the tablet's thread, in DOM order: side, kind, and text if any. */
function tabletBubbles(page: Page) {
	return page.getByTestId('bubble').evaluateAll((nodes) =>
		nodes.map((node) => ({
			side: (node as HTMLElement).dataset.side,
			kind: (node as HTMLElement).dataset.kind,
			text: node.querySelector('p.text')?.textContent ?? null,
			id: node.id
		}))
	);
}

test('a customer on a phone and the shop on a tablet chat, offline and back, and confirm terms', async ({
	browser,
	request,
	baseURL
}) => {
	test.setTimeout(150_000);
	const base = baseURL!;
	const ownerToken = await ensureAccounts(request, []);
	const customerId = await seedChatCustomer(base, ownerToken, CUSTOMER);
	const rentalId = await rentalOf(base, ownerToken, customerId);
	const issued = await request.post(`/api/customers/${customerId}/link`, {
		headers: { authorization: `Bearer ${ownerToken}` }
	});
	expect(issued.status()).toBe(201);
	const { path } = (await issued.json()) as { path: string };

	// The shop: the owner on a tablet, with a quick reply that carries an image.
	const tablet = await newTablet(browser);
	const staff = tablet.page;
	await logIn(staff, OWNER);
	await setQuickReply(staff);
	await staff.goto('/inbox');

	// The customer: their own phone, a browser of its own with a (fake) microphone.
	const phoneBrowser = await browserWithMicrophone();
	const phoneContext = await phoneBrowser.newContext({
		baseURL: base,
		viewport: PHONE,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		serviceWorkers: 'allow',
		permissions: ['microphone'],
		hasTouch: true,
		isMobile: true
	});
	const phone = await phoneContext.newPage();
	const messages = phone.getByTestId('message');
	try {
		// 1. The link opens with no account: the shop and the rental.
		await phone.goto(path);
		await expect(phone.getByTestId('customer-chat')).toHaveAttribute('data-ready', 'true');
		await expect(phone.getByRole('heading', { name: CHAT_SHOP.name })).toBeVisible();
		await expect(phone.getByTestId('portal-rental')).toContainText('R-0901');

		// Text.
		await phone.getByTestId('composer-input').fill(FIRST);
		await phone.getByTestId('composer-send').tap();
		await expect(messages).toHaveCount(1);
		await expect(messages.first()).toContainText(FIRST);
		await expect(phone.locator('[data-pending]')).toHaveCount(0);

		// A photo from the gallery, resized on the phone and uploaded.
		const png = await picture(phone, `今天的渔获 ${run}`, '#38bdf8', '#1e3a8a');
		await phone
			.getByTestId('photo-input')
			.setInputFiles({ name: 'catch.png', mimeType: 'image/png', buffer: png });
		await expect(messages).toHaveCount(2);
		await expectLoaded(phone.getByTestId('message-image'));
		await expect(phone.getByTestId('upload-progress')).toHaveCount(0, { timeout: 15_000 });
		await expect(phone.getByTestId('upload-waiting')).toHaveCount(0, { timeout: 15_000 });

		// A voice note: hold, past one second, release.
		const voice = phone.getByTestId('voice-button');
		const box = (await voice.boundingBox())!;
		await phone.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
		await phone.mouse.down();
		await expect(phone.getByTestId('voice-label')).toContainText('松开发送 · 0:01', {
			timeout: 5_000
		});
		await phone.mouse.up();
		await expect(messages).toHaveCount(3);
		await expect(phone.getByTestId('message-voice').locator('audio')).toHaveAttribute(
			'src',
			/^blob:/
		);
		await expect(phone.locator('[data-pending]')).toHaveCount(0, { timeout: 15_000 });

		// Offline: two messages kept on the phone, shown as 发送中.
		await phoneContext.setOffline(true);
		await expect(phone.getByTestId('chat-offline')).toBeVisible();
		for (const text of OFFLINE) {
			await phone.getByTestId('composer-input').fill(text);
			await phone.getByTestId('composer-send').tap();
		}
		const pending = phone.locator('[data-pending="true"]');
		await expect(pending).toHaveCount(2);
		await expect(pending.nth(0)).toContainText(OFFLINE[0]);
		await expect(pending.nth(0).getByTestId('sending')).toHaveText('· 发送中');
		await expect(pending.nth(1).getByTestId('sending')).toHaveText('· 发送中');
		await expect(phone.getByTestId('offline-note')).toContainText('2 条消息等待发送');
		await phone.screenshot({ path: shot('both-sides-phone-offline') });

		// Back online: sent.
		await phoneContext.setOffline(false);
		await expect(phone.getByTestId('chat-offline')).toHaveCount(0, { timeout: 20_000 });
		await expect(phone.locator('[data-pending]')).toHaveCount(0, { timeout: 20_000 });
		await expect(messages).toHaveCount(5);
		// Nobody at the shop has opened the thread yet.
		await expect(phone.getByTestId('read')).toHaveCount(0);
		const phoneIds = await messages.evaluateAll((nodes) =>
			nodes.map((node) => (node as HTMLElement).dataset.id ?? '')
		);

		// The server holds each of the five once, in the order written.
		await stored(base, ownerToken, threadDocName(customerId), (doc) => {
			const fromCustomer = readThread(doc).messages.filter((m) => m.from.role === 'customer');
			return fromCustomer.map((m) => m.id).join() === phoneIds.join();
		});

		// 2. The tablet: the thread waits with 5 unread.
		const row = staff.getByTestId('inbox-row').filter({ hasText: CUSTOMER });
		await expect(row.getByTestId('row-unread')).toHaveText('5', { timeout: 15_000 });
		await expect(row).toContainText(OFFLINE[1]);
		await row.click();
		await expect(staff.getByTestId('thread-title')).toHaveText(CUSTOMER);
		const bubbles = staff.getByTestId('bubble');
		await expect(bubbles).toHaveCount(5);
		const shown = await tabletBubbles(staff);
		expect(shown.map(({ side, kind, text }) => ({ side, kind, text }))).toEqual([
			{ side: 'theirs', kind: 'text', text: FIRST },
			{ side: 'theirs', kind: 'image', text: null },
			{ side: 'theirs', kind: 'voice', text: null },
			{ side: 'theirs', kind: 'text', text: OFFLINE[0] },
			{ side: 'theirs', kind: 'text', text: OFFLINE[1] }
		]);
		expect(shown.map((b) => b.id)).toEqual(phoneIds.map((id) => `m-${id}`));
		// The photo and the voice note came through and load on the tablet.
		await expectLoaded(bubbles.nth(1).locator('img'));
		await expect(bubbles.nth(2)).toContainText('语音');
		const audio = bubbles.nth(2).locator('audio');
		await expect(audio).toHaveAttribute('src', /.+/);
		await expect
			.poll(() => audio.evaluate((a: HTMLAudioElement) => a.readyState), { timeout: 15_000 })
			.toBeGreaterThan(0);
		await expect(row.getByTestId('row-unread')).toHaveCount(0);

		// The phone: 已读 under the customer's last message, and only there.
		const lastSent = phone.locator(`[data-id="${phoneIds[4]}"]`);
		await expect(lastSent.getByTestId('read')).toHaveText('· 已读');
		await expect(phone.getByTestId('read')).toHaveCount(1);

		// 3. Typing, both ways: the customer writes a question…
		const input = phone.getByTestId('composer-input');
		await input.tap();
		await input.pressSequentially(QUESTION, { delay: 60 });
		await expect(staff.getByTestId('typing')).toHaveText('顾客正在输入…');
		await staff.screenshot({ path: shot('both-sides-tablet-typing') });
		await phone.getByTestId('composer-send').tap();
		await expect(staff.getByTestId('typing')).toHaveText('');
		await expect(bubbles).toHaveCount(6);
		await expect(bubbles.last()).toHaveText(new RegExp(QUESTION));

		// …and a photo on a slow signal: the message reaches the open thread well before the
		// photo reaches the server. It must show once it has (it used to stay a broken image
		// until the tablet reloaded).
		const slowUpload = async (route: Route) => {
			if (route.request().method() === 'POST') await new Promise((r) => setTimeout(r, 2_000));
			await route.continue();
		};
		await phoneContext.route('**/api/attachments', slowUpload);
		const reel = await picture(phone, '渔轮有点响', '#f59e0b', '#9a3412');
		await phone
			.getByTestId('photo-input')
			.setInputFiles({ name: 'reel.png', mimeType: 'image/png', buffer: reel });
		await expect(messages).toHaveCount(7);
		await expect(bubbles).toHaveCount(7);
		await expect(bubbles.last()).toHaveAttribute('data-kind', 'image');
		const uploading = phone.getByTestId('upload-progress').or(phone.getByTestId('upload-waiting'));
		await expect(uploading).toHaveCount(1);
		await expectLoaded(bubbles.last().locator('img'));
		await expect(uploading).toHaveCount(0);
		await phoneContext.unroute('**/api/attachments', slowUpload);
		await expect(messages.last().getByTestId('read')).toHaveText('· 已读');
		await expect(phone.getByTestId('read')).toHaveCount(1);

		// The shop starts an answer, which the phone shows without saying who.
		await staff.getByTestId('composer-text').pressSequentially('稍等', { delay: 60 });
		await expect(phone.getByTestId('shop-typing')).toHaveText('店员正在输入…');
		await staff.getByTestId('composer-text').fill('');

		// The quick reply: its text, then its image.
		await staff.getByTestId('quick-open').click();
		await staff.getByTestId('quick-menu').getByRole('menuitem', { name: QUICK_TEXT }).click();
		const ours = staff.locator('[data-testid=bubble][data-side=ours]');
		await expect(ours).toHaveCount(2);
		await expect(ours.nth(0)).toHaveAttribute('data-kind', 'text');
		await expect(ours.nth(0)).toContainText(QUICK_TEXT);
		await expect(ours.nth(1)).toHaveAttribute('data-kind', 'image');
		await expectLoaded(ours.nth(1).locator('img'));

		// The phone shows it, the picture too (fetched with the customer's own link; it also
		// arrives before the tablet has uploaded it for this thread), and reads it…
		await expect(messages).toHaveCount(9);
		await expect(messages.nth(7)).toContainText(QUICK_TEXT);
		await expect(messages.nth(7)).toContainText('店家');
		await expectLoaded(messages.nth(8).getByTestId('message-image'));
		await expect(phone.getByTestId('shop-typing')).toHaveCount(0);
		// …so the tablet shows 已读 under the reply.
		await expect(ours.getByTestId('receipt')).toHaveText(['· 已读', '· 已读']);
		await phone.screenshot({ path: shot('both-sides-phone') });
		await staff.screenshot({ path: shot('both-sides-tablet') });

		// 4. The rental's terms, from the rental page on the tablet.
		await staff.goto(`/rentals/rental?id=${encodeURIComponent(rentalId)}`);
		await staff.getByTestId('send-terms').click();
		await expect(staff.getByTestId('terms-sent')).toContainText('等待顾客确认');

		// The customer reads them on the phone and taps 确认.
		const card = phone.getByTestId('rental-card');
		await expect(card).toContainText('租赁条款');
		await expect(card).toContainText('3.6米海竿');
		await expect(card).toContainText('平日 ¥30/天');
		await card.getByRole('button', { name: '确认' }).tap();
		await expect(card.getByTestId('card-confirmed')).toContainText('已确认');
		await expect(phone.getByTestId('confirmation')).toHaveCount(1);
		await expect(phone.locator('[data-pending]')).toHaveCount(0);
		await phone.screenshot({ path: shot('both-sides-phone-confirmed') });

		// The rental on the tablet says so.
		const sendToCustomer = staff.getByTestId('send-to-customer');
		await expect(sendToCustomer.getByTestId('terms-confirmed')).toHaveText(/顾客已于 .+ 确认/);
		await expect(sendToCustomer.getByTestId('send-terms')).toHaveCount(0);
		await sendToCustomer.scrollIntoViewIfNeeded();
		await staff.screenshot({ path: shot('both-sides-tablet-confirmed') });

		// And so does the card in the conversation.
		await sendToCustomer.getByRole('link', { name: '查看对话' }).click();
		await expect(staff.getByTestId('thread-title')).toHaveText(CUSTOMER);
		await expect(staff.getByTestId('card-state')).toHaveText(/顾客已于 .+ 确认/);
		// Opened at the newest message, the customer's confirmation (photos that finished loading
		// after the view moved to the bottom used to leave it stuck above it).
		await expect(bubbles).toHaveCount(11);
		await expect(bubbles.last()).toHaveAttribute('data-side', 'theirs');
		await expect(bubbles.last().getByTestId('rental-card')).toHaveAttribute(
			'data-card',
			'confirmation'
		);
		await expect(bubbles.last()).toBeInViewport();
		await staff.screenshot({ path: shot('both-sides-tablet-card') });

		// The server holds every message once: the customer's eight (five, the question, the
		// second photo, the confirmation) and the shop's three (text, picture, terms).
		await stored(base, ownerToken, threadDocName(customerId), (doc) => {
			const all = readThread(doc).messages;
			const ids = all.map((m) => m.id);
			return (
				new Set(ids).size === ids.length &&
				all.filter((m) => m.from.role === 'customer').length === 8 &&
				all.filter((m) => m.from.role === 'staff').length === 3
			);
		});
	} finally {
		await phoneContext.close();
		await phoneBrowser.close();
		await tablet.context.close();
	}
});
