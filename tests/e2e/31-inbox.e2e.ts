/**
 * The staff inbox in zh-CN on a landscape tablet, against the real server, with the customer
 * played by a stock y-websocket client in Node holding their link's token (what their phone's
 * page does):
 * 1. The customer asks a question; the tablet shows the thread with 1 unread and the 消息 badge.
 * 2. Staff open it: unread clears and the customer's doc gets the staff receipt; typing shows
 *    both ways; staff answer with the owner's quick reply that carries an image (the customer
 *    can fetch it with their own token), the customer's receipt shows 已读.
 * 3. Staff resolve the thread and write a private note (never in the customer's doc); the
 *    customer writes again and the thread is open again.
 * 4. From the rental, staff send the terms; the customer confirms; the rental shows it.
 * Screenshots of the tablet (1180×820) and a phone (390×844).
 */
import { expect, test, type Page } from '@playwright/test';
import * as Y from 'yjs';
import { addCustomer, checkOut, readLedger } from '../../src/lib/crdt/ledger.ts';
import { notesDocName, readNotes } from '../../src/lib/crdt/notes.ts';
import { staffOrigin } from '../../src/lib/crdt/origin.ts';
import { markRead, postMessage, readThread, threadDocName } from '../../src/lib/crdt/thread.ts';
import type { ModelId, UnitId } from '../../src/lib/domain/inventory.ts';
import type { Message, Sender } from '../../src/lib/domain/thread.ts';
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
import { openDoc, waitFor } from './sync-client.ts';

const run = String((Date.now() % 9000) + 1000);
const CUSTOMER = `钓友老周${run}`;
const QUICK_TEXT = `价目表如下，押金可扫码支付 ${run}`;
const NOTE = `老客户，押金可以少收 ${run}`;

/** Adds the customer with one rod out (due tomorrow) in the ledger; returns ids once stored. */
async function seedCustomer(baseURL: string, token: string) {
	const ledger = openDoc(baseURL, token, 'ledger');
	await ledger.synced;
	const writer = { origin: staffOrigin('e2e-seed', 'e2e'), device: 'e2e-seed' };
	const customerId = addCustomer(ledger.doc, writer, {
		name: CUSTOMER,
		phone: '13700001234',
		tags: [],
		note: ''
	});
	const now = Date.now();
	const rentalId = checkOut(
		ledger.doc,
		writer,
		{
			customerId,
			units: [
				{
					unitId: `e2e-inbox-unit-${run}` as UnitId,
					modelId: 'e2e-inbox-model' as ModelId,
					code: `R-9${run}`,
					modelName: '3.6米海竿',
					card: { daily: 3000, weekend: 4000, hourlyLate: 500, deposit: 30_000 },
					replacementValue: 80_000
				}
			],
			calendar: { timeZone: 'Asia/Shanghai', holidays: [], graceMinutes: 60 },
			dueAt: now + 26 * 3_600_000,
			deposit: 30_000,
			depositMethod: 'cash'
		},
		now - 3_600_000
	);
	const reader = openDoc(baseURL, token, 'ledger');
	await waitFor(
		() => readLedger(reader.doc).customers.some((c) => c.id === customerId),
		'customer stored'
	);
	reader.close();
	ledger.close();
	return { customerId, rentalId };
}

function say(doc: Y.Doc, from: Sender, text: string): Message {
	const message: Message = { id: crypto.randomUUID(), from, at: Date.now(), kind: 'text', text };
	return postMessage(doc, message, 'customer');
}

async function setQuickReply(page: Page) {
	await page.goto('/settings');
	const section = page.getByTestId('quick-replies');
	await section.getByTestId('quick-text').fill(QUICK_TEXT);
	const png = await page.screenshot({ clip: { x: 0, y: 0, width: 96, height: 64 } });
	await section.getByTestId('quick-image').setInputFiles({
		name: 'price-list.png',
		mimeType: 'image/png',
		buffer: png
	});
	await expect(section.locator('form img')).toBeVisible();
	await section.getByTestId('quick-save').click();
	await expect(section.getByTestId('quick-reply').filter({ hasText: QUICK_TEXT })).toBeVisible();
	await section.screenshot({ path: shot('inbox-quick-replies') });
}

test('staff answer a customer from the inbox, and the customer confirms rental terms', async ({
	browser,
	request,
	baseURL
}) => {
	const ownerToken = await ensureAccounts(request, [{ ...STAFF, role: 'staff' }]);
	const { customerId, rentalId } = await seedCustomer(baseURL!, ownerToken);
	const link = await request.post(`/api/customers/${customerId}/link`, {
		headers: { authorization: `Bearer ${ownerToken}` }
	});
	expect(link.status()).toBe(201);
	const { token: customerToken } = (await link.json()) as { token: string };

	// The customer's phone: their own thread, with their link's token.
	const me: Sender = { role: 'customer', id: customerId };
	const phone = openDoc(baseURL!, customerToken, threadDocName(customerId));
	await phone.synced;
	const question = say(phone.doc, me, '你好，3.6米海竿明天还能租吗？');

	const tablet = await newTablet(browser);
	const { page } = tablet;
	await logIn(page, OWNER);
	await setQuickReply(page);

	// 1. The thread arrives with one unread message and the 消息 badge.
	await expect(page.getByTestId('nav-badge-inbox')).toHaveText('1');
	await page.goto('/inbox');
	const row = page.getByTestId('inbox-row').filter({ hasText: CUSTOMER });
	await expect(row.getByTestId('row-unread')).toHaveText('1');
	await expect(row).toContainText('3.6米海竿明天还能租吗');
	await expect(page.getByTestId('inbox-tab-waiting')).toContainText('等待回复');
	await page.screenshot({ path: shot('inbox-list-tablet') });

	// 2. Open it: read by staff, on the customer's doc too.
	await row.click();
	await expect(page.getByTestId('thread-title')).toHaveText(CUSTOMER);
	await expect(page.getByTestId('bubble').filter({ hasText: '明天还能租吗' })).toHaveAttribute(
		'data-side',
		'theirs'
	);
	await expect(row.getByTestId('row-unread')).toHaveCount(0);
	await expect(page.getByTestId('nav-badge-inbox')).toHaveCount(0);
	await waitFor(
		() =>
			Object.entries(readThread(phone.doc).receipts).some(
				([key, id]) => key.startsWith('staff:') && id === question.id
			),
		'staff receipt on the customer’s doc'
	);

	// Typing, both ways.
	phone.provider.awareness.setLocalStateField('typing', true);
	await expect(page.getByTestId('typing')).toHaveText('顾客正在输入…');
	phone.provider.awareness.setLocalStateField('typing', false);
	await expect(page.getByTestId('typing')).toHaveText('');
	await page.getByTestId('composer-text').pressSequentially('稍等');
	await waitFor(
		() =>
			[...phone.provider.awareness.getStates().values()].some(
				(state) => state.typing === true && state.user?.role === 'staff'
			),
		'staff typing seen by the customer'
	);
	// …as the shop typing: the server never tells a customer which staff member it is.
	const seenByCustomer = JSON.stringify([...phone.provider.awareness.getStates().values()]);
	expect(seenByCustomer).not.toContain(OWNER.name);
	await page.getByTestId('composer-text').fill('');

	// The quick reply with its image: text, then the photo.
	await page.getByTestId('quick-open').click();
	await page.getByTestId('quick-menu').getByRole('menuitem', { name: QUICK_TEXT }).click();
	const ours = page.locator('[data-testid=bubble][data-side=ours]');
	await expect(ours.filter({ hasText: QUICK_TEXT })).toBeVisible();
	await expect(ours.locator('img')).toBeVisible();
	await waitFor(() => readThread(phone.doc).messages.length === 3, 'reply on the phone');
	const [, text, image] = readThread(phone.doc).messages;
	expect(text).toMatchObject({ kind: 'text', text: QUICK_TEXT, from: { role: 'staff' } });
	expect(image.kind).toBe('image');
	// The customer may fetch the photo with their own token (uploaded for their thread).
	await expect
		.poll(
			async () =>
				(
					await request.get(
						`/api/attachments/${(image as { blob: string }).blob}?token=${customerToken}`
					)
				).status(),
			{ timeout: 15_000 }
		)
		.toBe(200);
	await expect(ours.getByTestId('receipt').first()).toHaveText('· 未读');
	markRead(phone.doc, `customer:${customerId}`, image.id, 'customer');
	await expect(ours.getByTestId('receipt').last()).toHaveText('· 已读');

	// 3. Resolve it, with a private note that never reaches the customer's doc.
	await page.getByTestId('thread-details').click();
	await page.getByTestId('thread-status').selectOption('resolved');
	await expect(row.getByTestId('row-status')).toHaveText('已解决');
	await page.getByTestId('note-input').fill(NOTE);
	await page.getByTestId('note-add').click();
	await expect(page.getByTestId('thread-notes')).toContainText(NOTE);
	const notes = openDoc(baseURL!, ownerToken, notesDocName(customerId));
	await waitFor(() => readNotes(notes.doc).some((n) => n.text === NOTE), 'note stored');
	notes.close();
	expect(JSON.stringify(phone.doc.toJSON())).not.toContain(NOTE);
	await page.screenshot({ path: shot('inbox-thread-tablet') });

	// The customer writes again: the thread is open again.
	say(phone.doc, me, '好的，那我明早七点来取。');
	await expect(row.getByTestId('row-status')).toHaveText('待处理');
	await expect(page.getByTestId('thread-status')).toHaveValue('open');
	await expect(page.getByTestId('bubble').filter({ hasText: '明早七点' })).toBeVisible();

	// Search finds the thread by a message, in pinyin initials.
	await page.getByTestId('inbox-search').fill('hg');
	await expect(page.getByTestId('inbox-hit').first()).toContainText('海竿');
	await page.getByTestId('inbox-search').fill('');

	// 4. The rental's terms as a card; the customer confirms them.
	await page.goto(`/rentals/rental?id=${encodeURIComponent(rentalId)}`);
	await page.getByTestId('send-terms').click();
	await expect(page.getByTestId('terms-sent')).toContainText('等待顾客确认');
	await page.screenshot({ path: shot('inbox-rental-terms-sent'), fullPage: true });
	await waitFor(
		() => readThread(phone.doc).messages.some((m) => m.kind === 'card'),
		'terms on the phone'
	);
	const terms = readThread(phone.doc).messages.find((m) => m.kind === 'card')!;
	if (terms.kind !== 'card' || terms.card.type !== 'rental-terms') throw new Error('no terms');
	postMessage(
		phone.doc,
		{
			id: crypto.randomUUID(),
			from: me,
			at: Date.now(),
			kind: 'card',
			card: { type: 'confirmation', rentalId, hash: terms.card.hash, of: terms.id }
		},
		'customer'
	);
	await expect(page.getByTestId('terms-confirmed')).toContainText('顾客已于');
	await page.getByTestId('send-to-customer').screenshot({ path: shot('inbox-terms-confirmed') });

	// The card in the conversation says it was confirmed.
	await page.goto(`/inbox?thread=${encodeURIComponent(customerId)}`);
	await expect(page.getByTestId('card-state')).toContainText('顾客已于');
	await page.screenshot({ path: shot('inbox-card-tablet') });

	// A phone: the list, then the thread with a way back.
	const small = await newTablet(browser, PHONE);
	await logIn(small.page, STAFF);
	await small.page.goto('/inbox');
	await expect(small.page.getByTestId('inbox-row').filter({ hasText: CUSTOMER })).toBeVisible();
	await small.page.screenshot({ path: shot('inbox-list-phone') });
	await small.page.getByTestId('inbox-row').filter({ hasText: CUSTOMER }).click();
	await expect(small.page.getByTestId('thread-title')).toHaveText(CUSTOMER);
	// Two staff on one thread: each sees the other.
	await expect(small.page.getByTestId('thread-viewers')).toContainText(OWNER.name);
	await small.page.screenshot({ path: shot('inbox-thread-phone') });
	await small.page.getByTestId('thread-back').click();
	await expect(small.page.getByTestId('inbox-rows')).toBeVisible();
	await expectOnline(small.page);

	phone.close();
	await small.context.close();
	await tablet.context.close();
});
