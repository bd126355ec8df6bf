/**
 * Topic groups and broadcasts in zh-CN on a tablet: staff create a group, add a customer found by
 * name, post an announcement, and see the member's reply (sent with the member's own link from a
 * second device over sync); then a broadcast to the customers who rented a sea rod this season
 * shows who it goes to, is sent, and a second one is skipped by the anti-spam limit.
 */
import { expect, test } from '@playwright/test';
import * as ledgerDoc from '../../src/lib/crdt/ledger.ts';
import { staffOrigin } from '../../src/lib/crdt/origin.ts';
import { postMessage, readThread, threadDocName } from '../../src/lib/crdt/thread.ts';
import type { ModelId, UnitId } from '../../src/lib/domain/inventory.ts';
import { ensureAccounts, logIn, newTablet, shot, STAFF } from './helpers.ts';
import { openSynced } from './sync-client.ts';

const RUN = Date.now().toString(36).slice(-4);
const GROUP = `海钓爱好者${RUN}`;
const ANGLERS = [`海钓张${RUN}`, `海钓李${RUN}`];
const MODEL = `群发测试${RUN} 3.6米海竿`;
const DAY = 24 * 3_600_000;

/** Two customers, each of whom rented this run's sea rod two days ago; returns their ids. */
async function anglersWithSeaRods(baseURL: string, token: string): Promise<string[]> {
	const ledger = await openSynced(baseURL, token, 'ledger');
	const writer = { origin: staffOrigin('e2e-groups', '测试'), device: 'e2e-groups' };
	const calendar = { timeZone: 'Asia/Shanghai', holidays: [], graceMinutes: 60 };
	const now = Date.now();
	const ids = ANGLERS.map((name, i) => {
		const id = ledgerDoc.addCustomer(ledger.doc, writer, { name, phone: '', tags: [], note: '' });
		const unit = {
			unitId: `e2e-g-${RUN}-${i}` as UnitId,
			modelId: `e2e-g-${RUN}` as ModelId,
			code: `HG-8${RUN}${i}`,
			modelName: MODEL,
			card: { daily: 3000, deposit: 30000 },
			replacementValue: 45000
		};
		ledgerDoc.checkOut(
			ledger.doc,
			writer,
			{
				customerId: id,
				units: [unit],
				calendar,
				dueAt: now + DAY,
				deposit: 0,
				depositMethod: 'cash'
			},
			now - 2 * DAY
		);
		return id;
	});
	// Resolves once the server has every customer: a link can only be made for one it holds.
	await expect
		.poll(async () => {
			const res = await fetch(`${baseURL}/api/customers/${ids[1]}/link`, {
				method: 'POST',
				headers: { authorization: `Bearer ${token}` }
			});
			return res.status;
		})
		.toBe(201);
	ledger.close();
	return ids;
}

test('groups: create, add a member, announce, see the reply; broadcast with the limit', async ({
	browser,
	request,
	baseURL
}) => {
	const ownerToken = await ensureAccounts(request, [{ ...STAFF, role: 'staff' }]);
	const [zhangId] = await anglersWithSeaRods(baseURL!, ownerToken);
	const link = await request.post(`/api/customers/${zhangId}/link`, {
		headers: { authorization: `Bearer ${ownerToken}` }
	});
	const zhangToken = (await link.json()).token as string;

	const { page } = await newTablet(browser);
	await logIn(page, STAFF);
	await page.goto('/inbox/groups');
	await expect(page.getByRole('heading', { name: '群组与群发' })).toBeVisible();

	// A new group, selected at once.
	await page.getByTestId('new-group-name').fill(GROUP);
	await page.getByTestId('create-group').click();
	const detail = page.getByTestId('group-detail');
	await expect(detail.getByRole('heading', { name: GROUP })).toBeVisible();
	await expect(page.getByTestId('group-list')).toContainText(GROUP);

	// A member, found by name.
	await detail.getByTestId('member-search').fill(ANGLERS[0]);
	await detail.getByTestId('member-hits').getByRole('button', { name: '加入' }).click();
	await expect(detail.getByTestId('group-members')).toContainText(ANGLERS[0]);
	await expect(detail.getByTestId('member-hits')).toContainText('已在群里');
	const listed = await request.get('/api/link', {
		headers: { authorization: `Bearer ${zhangToken}` }
	});
	const groupId = ((await listed.json()).groups as { id: string; name: string }[]).find(
		(g) => g.name === GROUP
	)?.id;
	expect(groupId).toMatch(/^g-/);

	// An announcement, and the member's reply from their phone through their own link.
	const chat = page.getByTestId('group-chat');
	await chat.getByTestId('group-announce').fill('周六早上 6 点出海，报名请回复');
	await chat.getByTestId('group-send').click();
	const phone = await openSynced(baseURL!, zhangToken, threadDocName(groupId!));
	await expect
		.poll(() => readThread(phone.doc).messages.map((m) => (m.kind === 'text' ? m.text : '')))
		.toEqual(['周六早上 6 点出海，报名请回复']);
	const from = { role: 'customer' as const, id: zhangId };
	postMessage(
		phone.doc,
		{ id: crypto.randomUUID(), from, at: Date.now(), kind: 'text', text: '我报名，两个人' },
		from
	);
	const messages = chat.getByTestId('group-messages');
	await expect(messages).toContainText('我报名，两个人');
	await expect(messages).toContainText(ANGLERS[0]);
	await page.screenshot({ path: shot('tablet-group-chat') });
	phone.close();

	// A broadcast to those who rented this run's sea rod since yesterday-but-one.
	const broadcast = page.getByTestId('broadcast');
	await broadcast.getByTestId('broadcast-rented').fill(`群发测试${RUN}`);
	const matched = broadcast.getByTestId('broadcast-matched');
	await expect(matched).toContainText('将发给 2 位顾客');
	for (const name of ANGLERS) await expect(matched).toContainText(name);
	await broadcast.getByTestId('broadcast-text').fill('新到一批海竿，本周租满两天送饵料');
	await broadcast.getByTestId('broadcast-send').click();
	await page.getByRole('dialog').getByRole('button', { name: '发送群发' }).click();
	await expect(broadcast.getByTestId('broadcast-result')).toContainText('已发给 2 位顾客');
	await page.screenshot({ path: shot('tablet-broadcast-sent') });

	// The same day again: both are skipped by the limit, and named.
	await broadcast.getByTestId('broadcast-text').fill('再提醒一次');
	await broadcast.getByTestId('broadcast-send').click();
	await page.getByRole('dialog').getByRole('button', { name: '发送群发' }).click();
	const result = broadcast.getByTestId('broadcast-result');
	await expect(result).toContainText('已发给 0 位顾客');
	await expect(result).toContainText('2 位因频率限制未发');
	await page.screenshot({ path: shot('tablet-broadcast-limit') });
});
