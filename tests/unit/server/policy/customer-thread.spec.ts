/**
 * The customer rule on thread docs, judged on real Yjs updates: a server doc with staff's
 * history, and a phone that synced from it exactly as y-websocket would (its step 2 carries the
 * doc's whole delete set, including deletions staff made long ago).
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { markRead, postMessage, readThread } from '../../../../src/lib/crdt/thread.ts';
import type { Message, Sender } from '../../../../src/lib/domain/thread.ts';
import {
	checkCustomerUpdate,
	CustomerPolicy,
	MessageRateLimit,
	MESSAGES_PER_HOUR,
	MESSAGES_PER_MINUTE
} from '../../../../server/policy/customer.ts';
import type { GuardContext, Peer } from '../../../../server/sync/hooks.ts';
import { knownStateOf, updateEnds } from '../../../../server/sync/update-effect.ts';
import { decoded, docWithClient, step2For, syncInto, updateOf } from '../sync/fixtures.ts';

const AT = 1_750_000_000_000;
const STAFF_TABLET = 1;
const PHONE = 500;
const laoLi: Sender = { role: 'customer', id: 'c-88' };
const wang: Sender = { role: 'staff', id: 'wang' };
const HASH = 'ab'.repeat(32);

const say = (id: string, text = '周六有3.6米海竿吗？', from = laoLi, at = AT): Message => ({
	id,
	from,
	at,
	kind: 'text',
	text
});

/** The thread on the server: staff wrote twice, and moved their receipt (a deletion long ago). */
function thread(): Y.Doc {
	const server = docWithClient(STAFF_TABLET);
	postMessage(server, say('s1', '鱼竿已备好', wang), 'staff');
	postMessage(server, say('s2', '押金 200 元', wang), 'staff');
	markRead(server, 'staff:wang', 's1', 'staff');
	markRead(server, 'staff:wang', 's2', 'staff');
	return server;
}

function phoneOf(server: Y.Doc): Y.Doc {
	const phone = docWithClient(PHONE);
	syncInto(server, phone);
	return phone;
}

function contextFor(
	server: Y.Doc,
	update: Uint8Array,
	{ peer = { role: 'customer', id: laoLi.id } as Peer, ahead = new Map<number, number>() } = {}
): GuardContext {
	return {
		peer,
		docName: `thread:${laoLi.id}`,
		doc: server,
		update: decoded(update),
		known: knownStateOf(server, ahead),
		ownClients: new Set([PHONE])
	};
}

/** What a phone sends when it does `change`: one transaction's update. */
const sends = (change: (phone: Y.Doc) => void) => (server: Y.Doc) =>
	updateOf(phoneOf(server), change);
const posts = (value: unknown) => sends((phone) => phone.getArray('messages').push([value]));

describe('a customer’s update to a thread is refused when it', () => {
	const refused: [string, (server: Y.Doc) => Uint8Array, string][] = [
		[
			'deletes a staff message',
			sends((p) => p.getArray('messages').delete(0, 1)),
			'customers cannot delete'
		],
		[
			'edits a message by deleting and reinserting it',
			sends((p) => {
				p.getArray('messages').delete(1, 1);
				p.getArray('messages').insert(1, [say('s2', '押金 0 元', wang)]);
			}),
			'customers cannot delete'
		],
		[
			'writes the portal',
			sends((p) => p.getMap('portal').set('rentals', [])),
			'customers cannot write the portal'
		],
		[
			'writes another root type',
			sends((p) => p.getMap('notes').set('vip', true)),
			'customers may only append messages and set their own receipt'
		],
		[
			'signs a message as staff',
			posts(say('c1', '退押金 300', wang)),
			'a customer signs messages only as itself'
		],
		[
			'signs a message as the bot',
			posts(say('c1', '已退款', { role: 'bot', id: 'yuzu' })),
			'a customer signs messages only as itself'
		],
		[
			'signs a message as another customer',
			posts(say('c1', '我是老王', { role: 'customer', id: 'c-99' })),
			'a customer signs messages only as itself'
		],
		[
			'sends a system note',
			posts({ ...say('c1'), kind: 'system' }),
			'customers cannot send a system like this'
		],
		[
			'sends rental terms',
			posts({
				id: 'c1',
				from: laoLi,
				at: AT,
				kind: 'card',
				card: {
					type: 'rental-terms',
					rentalId: 'r-1',
					hash: 'f00dcafe',
					units: [{ code: 'R-1', modelName: '竿', rates: { daily: 0, deposit: 0 } }],
					outAt: AT,
					dueAt: AT,
					deposit: 0,
					graceMinutes: 0
				}
			}),
			'customers cannot send a card like this'
		],
		[
			'sends a message with no kind',
			posts({ id: 'c1', from: laoLi, at: AT, text: 'hi' }),
			'a malformed message, or one over the limits'
		],
		[
			'sends a message with a field nobody reads',
			posts({ ...say('c1'), padding: 'x'.repeat(5000) }),
			'a malformed message, or one over the limits'
		],
		['sends a bare string', posts('hello'), 'a malformed message, or one over the limits'],
		[
			'sends text over the limit',
			posts(say('c1', '鱼'.repeat(2001))),
			'a malformed message, or one over the limits'
		],
		[
			'sends a photo over the size limit',
			posts({
				id: 'c1',
				from: laoLi,
				at: AT,
				kind: 'image',
				blob: HASH,
				mime: 'image/jpeg',
				size: 10 * 1024 * 1024 + 1
			}),
			'a malformed message, or one over the limits'
		],
		[
			'sends a voice note over the size limit',
			posts({
				id: 'c1',
				from: laoLi,
				at: AT,
				kind: 'voice',
				blob: HASH,
				mime: 'audio/webm',
				size: 5 * 1024 * 1024 + 1,
				durationMs: 1000
			}),
			'a malformed message, or one over the limits'
		],
		['nests a Y type in messages', posts(new Y.Map()), 'a message is a plain object'],
		['reuses a staff message’s id', posts(say('s1')), 'a message id the thread already has'],
		[
			'sends two messages with one id',
			sends((p) => p.getArray('messages').push([say('c1'), say('c1', '再说一遍')])),
			'a message id the thread already has'
		],
		[
			'inserts a message before staff’s',
			sends((p) => p.getArray('messages').insert(0, [say('c1')])),
			'customers append messages, never insert them'
		],
		[
			'sets another customer’s receipt',
			sends((p) => p.getMap('receipts').set('customer:c-99', 's2')),
			'a customer writes only its own receipt'
		],
		[
			'moves staff’s receipt',
			sends((p) => p.getMap('receipts').set('staff:wang', 's1')),
			'customers cannot delete'
		],
		[
			'sets staff’s receipt',
			sends((p) => p.getMap('receipts').set('staff:li', 's2')),
			'a customer writes only its own receipt'
		],
		[
			'sets a receipt under its bare id',
			sends((p) => p.getMap('receipts').set('c-88', 's2')),
			'a customer writes only its own receipt'
		],
		[
			'puts an object in its receipt',
			sends((p) => p.getMap('receipts').set('customer:c-88', { id: 's2' })),
			'a receipt names a message id'
		]
	];
	it.each(refused)('%s', (_story, build, reason) => {
		const server = thread();
		const before = Y.encodeStateAsUpdate(server);
		expect(checkCustomerUpdate(contextFor(server, build(server)))).toEqual({ ok: false, reason });
		expect(Y.encodeStateAsUpdate(server)).toEqual(before); // judging applies nothing
	});

	it('deletes its own message', () => {
		const server = thread();
		const phone = phoneOf(server);
		const first = updateOf(phone, (p) => postMessage(p, say('c1'), 'me'));
		expect(checkCustomerUpdate(contextFor(server, first)).ok).toBe(true);
		Y.applyUpdate(server, first);
		const deletion = updateOf(phone, (p) => p.getArray('messages').delete(2, 1));
		expect(checkCustomerUpdate(contextFor(server, deletion))).toEqual({
			ok: false,
			reason: 'customers cannot delete'
		});
	});

	it('deletes what staff wrote but the server has not received yet (a deletion Yjs would park)', () => {
		const server = thread();
		const tablet = docWithClient(STAFF_TABLET);
		syncInto(server, tablet);
		postMessage(tablet, say('s3', '还没到服务器', wang), 'staff');
		const phone = phoneOf(tablet);
		const deletion = updateOf(phone, (p) => p.getArray('messages').delete(2, 1));
		expect(decoded(deletion).structs).toHaveLength(0);
		expect(checkCustomerUpdate(contextFor(server, deletion))).toEqual({
			ok: false,
			reason: 'customers cannot delete'
		});
	});
});

describe('a customer’s update to a thread is accepted when it', () => {
	const photo = {
		id: 'c1',
		from: laoLi,
		at: AT,
		kind: 'image',
		blob: HASH,
		mime: 'image/jpeg',
		size: 240_000,
		width: 1280,
		height: 960
	};
	const voice = {
		id: 'c1',
		from: laoLi,
		at: AT,
		kind: 'voice',
		blob: HASH,
		mime: 'audio/webm',
		size: 40_000,
		durationMs: 7_000
	};
	const accepted: [string, (server: Y.Doc) => Uint8Array, string[]][] = [
		['appends one message', posts(say('c1')), ['s1', 's2', 'c1']],
		['appends a photo', posts(photo), ['s1', 's2', 'c1']],
		['appends a voice note', posts(voice), ['s1', 's2', 'c1']],
		[
			'confirms rental terms',
			posts({
				id: 'c1',
				from: laoLi,
				at: AT,
				kind: 'card',
				card: { type: 'confirmation', rentalId: 'r-1', hash: 'f00dcafe', of: 's2' }
			}),
			['s1', 's2', 'c1']
		],
		[
			'answers step 1 with the whole delete set',
			(server) => {
				const phone = phoneOf(server);
				postMessage(phone, say('c1', '好的'), 'me');
				return step2For(phone, server);
			},
			['s1', 's2', 'c1']
		],
		[
			'sends three messages written offline, merged into one item',
			(server) => {
				const phone = phoneOf(server);
				for (const id of ['c1', 'c2', 'c3']) postMessage(phone, say(id, `第${id}条`), 'me');
				const update = step2For(phone, server);
				const items = decoded(update).structs.filter((s) => s instanceof Y.Item);
				expect(items.map((s) => s.length)).toEqual([3]); // really merged
				return update;
			},
			['s1', 's2', 'c1', 'c2', 'c3']
		],
		[
			'edits and retracts its own messages',
			(server) => {
				const phone = phoneOf(server);
				postMessage(phone, say('c1', '周六有海杆吗'), 'me');
				postMessage(
					phone,
					{ id: 'c2', from: laoLi, at: AT, kind: 'edit', of: 'c1', text: '周六有海竿吗' },
					'me'
				);
				postMessage(phone, { id: 'c3', from: laoLi, at: AT, kind: 'retract', of: 'c1' }, 'me');
				return step2For(phone, server);
			},
			['s1', 's2', 'c1', 'c2', 'c3']
		],
		[
			'sets its own first receipt',
			sends((p) => markRead(p, 'customer:c-88', 's2', 'me')),
			['s1', 's2']
		],
		[
			'writes, reads and overwrites its receipt offline, then syncs',
			(server) => {
				const phone = phoneOf(server);
				markRead(phone, 'customer:c-88', 's1', 'me');
				postMessage(phone, say('c1'), 'me');
				markRead(phone, 'customer:c-88', 's2', 'me');
				markRead(phone, 'customer:c-88', 'c1', 'me');
				return step2For(phone, server);
			},
			['s1', 's2', 'c1']
		]
	];
	it.each(accepted)('%s', (_story, build, ids) => {
		const server = thread();
		const update = build(server);
		expect(checkCustomerUpdate(contextFor(server, update))).toEqual({ ok: true });
		Y.applyUpdate(server, update);
		expect(readThread(server).messages.map((m) => m.id)).toEqual(ids);
	});

	it('moves its own receipt: the old one arrives deleted', () => {
		const server = thread();
		const phone = phoneOf(server);
		const first = updateOf(phone, (p) => markRead(p, 'customer:c-88', 's1', 'me'));
		expect(checkCustomerUpdate(contextFor(server, first)).ok).toBe(true);
		Y.applyUpdate(server, first);
		const moved = updateOf(phone, (p) => markRead(p, 'customer:c-88', 's2', 'me'));
		expect(decoded(moved).ds.clients.get(PHONE)).toBeDefined(); // the deletion of the old receipt
		expect(checkCustomerUpdate(contextFor(server, moved))).toEqual({ ok: true });
		Y.applyUpdate(server, moved);
		expect(readThread(server).receipts['customer:c-88']).toBe('s2');
	});

	it('resends messages the server has: only the new one is judged', () => {
		const server = thread();
		const phone = phoneOf(server);
		const before = Y.encodeStateVector(server);
		const first = updateOf(phone, (p) => postMessage(p, say('c1'), 'me'));
		Y.applyUpdate(server, first);
		postMessage(phone, say('c2'), 'me');
		const resent = Y.encodeStateAsUpdate(phone, before); // c1 and c2, merged
		expect(checkCustomerUpdate(contextFor(server, resent))).toEqual({ ok: true });
	});

	it('writes in a group thread as itself, beside other members', () => {
		const server = thread();
		const member = docWithClient(600);
		syncInto(server, member);
		Y.applyUpdate(
			server,
			updateOf(member, (d) =>
				postMessage(d, say('g1', '我也去', { role: 'customer', id: 'c-99' }), 'x')
			)
		);
		const ctx = (update: Uint8Array) => ({
			...contextFor(server, update),
			docName: 'thread:sea-anglers'
		});
		expect(checkCustomerUpdate(ctx(posts(say('c1', '几点集合？'))(server)))).toEqual({ ok: true });
		expect(
			checkCustomerUpdate(
				ctx(posts(say('c1', '取消活动', { role: 'customer', id: 'c-99' }))(server))
			).ok
		).toBe(false);
	});
});

describe('CustomerPolicy', () => {
	it('places an update built on one still queued in the same tick', () => {
		const server = thread();
		const policy = new CustomerPolicy();
		const phone = phoneOf(server);
		const first = updateOf(phone, (p) => {
			postMessage(p, say('c1'), 'me');
			markRead(p, 'customer:c-88', 's2', 'me');
		});
		const second = updateOf(phone, (p) => {
			postMessage(p, say('c2'), 'me');
			markRead(p, 'customer:c-88', 'c1', 'me'); // deletes the queued receipt
		});
		expect(policy.check(contextFor(server, first))).toEqual({ ok: true });
		// Not applied yet: the registry applies at the end of the tick; the core counts it as known.
		const ahead = updateEnds(decoded(first));
		expect(policy.check(contextFor(server, second, { ahead }))).toEqual({ ok: true });
		const reused = updateOf(phone, (p) => postMessage(p, say('c1', '重复的 id'), 'me'));
		const aheadBoth = updateEnds(decoded(Y.mergeUpdates([first, second])));
		expect(policy.check(contextFor(server, reused, { ahead: aheadBoth }))).toEqual({
			ok: false,
			reason: 'a message id the thread already has'
		});
	});

	/** A phone and the server; `send` writes messages and sends what the server lacks, as on reconnect. */
	function limited(now: { t: number }) {
		const server = thread();
		const policy = new CustomerPolicy({ now: () => now.t });
		const phone = phoneOf(server);
		let n = 0;
		const send = (count: number, writtenAt = (_i: number) => now.t) => {
			for (let i = 0; i < count; i++)
				postMessage(phone, say(`c${++n}`, '在吗', laoLi, writtenAt(i)), 'me');
			const update = step2For(phone, server);
			const verdict = policy.check(contextFor(server, update));
			if (verdict.ok) Y.applyUpdate(server, update);
			return verdict.ok;
		};
		return { send, server };
	}

	it(`refuses the message past a burst of ${MESSAGES_PER_MINUTE}, and takes it when the burst has passed`, () => {
		const now = { t: AT };
		const { send, server } = limited(now);
		for (let i = 0; i < MESSAGES_PER_MINUTE; i++) expect(send(1)).toBe(true);
		expect(send(1)).toBe(false);
		now.t += 3_000;
		expect(send(0)).toBe(true); // the refused one, resent on reconnect
		expect(send(1)).toBe(false);
		now.t += 60_000;
		expect(send(0)).toBe(true);
		expect(readThread(server).messages).toHaveLength(2 + MESSAGES_PER_MINUTE + 2);
	});

	it('takes a backlog typed over half an hour offline, sent at once', () => {
		const now = { t: AT };
		const { send } = limited(now);
		expect(send(30, (i) => AT - 30 * 60_000 + i * 60_000)).toBe(true);
		expect(send(MESSAGES_PER_MINUTE)).toBe(true); // and the customer may still chat
	});

	it('refuses a second burst, however it is dated', () => {
		const now = { t: AT };
		const { send } = limited(now);
		expect(send(MESSAGES_PER_MINUTE)).toBe(true);
		expect(send(MESSAGES_PER_MINUTE, (i) => AT - 900_000 - i)).toBe(false);
	});

	it(`refuses the message past ${MESSAGES_PER_HOUR} in an hour, however it is dated`, () => {
		const now = { t: AT };
		const { send } = limited(now);
		const spread = (from: number) => (i: number) => from + i * 3_000;
		expect(send(MESSAGES_PER_HOUR, spread(AT - 24 * 3_600_000))).toBe(true);
		now.t += 1000;
		expect(send(1, spread(AT - 12 * 3_600_000))).toBe(false);
		now.t = AT + 3_600_000;
		expect(send(0)).toBe(true);
	});
});

describe('MessageRateLimit', () => {
	it('records nothing it refuses, and keeps customers apart', () => {
		const limit = new MessageRateLimit({ perMinute: 2, perHour: 5 }, () => AT);
		expect(limit.take('c-88', [AT, AT, AT])).toBe(false);
		expect(limit.take('c-88', [AT, AT])).toBe(true);
		expect(limit.take('c-88', [AT])).toBe(false);
		expect(limit.take('c-99', [AT, AT])).toBe(true);
	});
});
