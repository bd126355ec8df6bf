import { describe, expect, it } from 'vitest';
import {
	confirmationOf,
	customerMaySend,
	messageLimits,
	readIndex,
	readMessage,
	readPortal,
	receiptKey,
	threadView,
	unreadFor,
	type Card,
	type Message,
	type Portal,
	type Sender
} from '../../../../src/lib/domain/thread.ts';

const AT = 1_750_000_000_000;
const HASH = 'ab'.repeat(32);
const laoLi: Sender = { role: 'customer', id: 'c-88' };
const wang: Sender = { role: 'staff', id: 'wang' };

const text = (id: string, from = laoLi, body = '周六有3.6米海竿吗？', at = AT): Message => ({
	id,
	from,
	at,
	kind: 'text',
	text: body
});
const terms: Card = {
	type: 'rental-terms',
	rentalId: 'r-1',
	hash: 'f00dcafe',
	units: [{ code: 'R-0012', modelName: '3.6 m 海竿', rates: { daily: 3000, deposit: 20000 } }],
	outAt: AT,
	dueAt: AT + 86_400_000,
	deposit: 20000,
	graceMinutes: 30
};

describe('readMessage', () => {
	const valid: [string, unknown][] = [
		['a text', text('m1')],
		[
			'a photo',
			{
				id: 'm2',
				from: laoLi,
				at: AT,
				kind: 'image',
				blob: HASH,
				mime: 'image/jpeg',
				size: 180_000,
				width: 1280,
				height: 960
			}
		],
		[
			'a photo without its size in pixels',
			{ id: 'm2', from: laoLi, at: AT, kind: 'image', blob: HASH, mime: 'image/webp', size: 1 }
		],
		[
			'a voice note',
			{
				id: 'm3',
				from: laoLi,
				at: AT,
				kind: 'voice',
				blob: HASH,
				mime: 'audio/webm',
				size: 40_000,
				durationMs: 6_500
			}
		],
		['rental terms from staff', { id: 'm4', from: wang, at: AT, kind: 'card', card: terms }],
		[
			'a confirmation',
			{
				id: 'm5',
				from: laoLi,
				at: AT,
				kind: 'card',
				card: { type: 'confirmation', rentalId: 'r-1', hash: 'f00dcafe', of: 'm4' }
			}
		],
		[
			'a settlement',
			{
				id: 'm6',
				from: wang,
				at: AT,
				kind: 'card',
				card: {
					type: 'settlement',
					rentalId: 'r-1',
					hash: 'f00dcafe',
					units: [{ code: 'R-0012', modelName: '海竿', rent: 6000, damage: 0 }],
					sales: 0,
					discount: 0,
					charges: 6000,
					depositHeld: 20000,
					paid: 0,
					refund: 14000,
					balanceDue: 0,
					settledAt: AT
				}
			}
		],
		[
			'a system note',
			{
				id: 'm7',
				from: { role: 'system', id: 'yuzu' },
				at: AT,
				kind: 'system',
				text: '王师傅接手了对话'
			}
		],
		['an edit', { id: 'm8', from: laoLi, at: AT, kind: 'edit', of: 'm1', text: '周日也行' }],
		['a retraction', { id: 'm9', from: laoLi, at: AT, kind: 'retract', of: 'm1' }],
		['text of exactly the limit', text('m1', laoLi, '鱼'.repeat(messageLimits.textChars))],
		['a UUID id', text('3f2b8a4e-9c1d-4e5f-8a7b-1c2d3e4f5a6b')]
	];
	it.each(valid)('keeps %s', (_story, value) => {
		expect(readMessage(value)).toEqual(value);
	});

	const invalid: [string, unknown][] = [
		['null', null],
		['an array', [text('m1')]],
		['an unknown kind', { ...text('m1'), kind: 'sticker' }],
		['an extra field', { ...text('m1'), html: '<b>hi</b>' }],
		['a blank text', text('m1', laoLi, '   ')],
		[
			'text one character over the limit',
			text('m1', laoLi, '鱼'.repeat(messageLimits.textChars + 1))
		],
		['no sender', { id: 'm1', at: AT, kind: 'text', text: 'hi' }],
		['a sender of an unknown role', text('m1', { role: 'owner', id: 'boss' } as never)],
		['a sender with an extra field', text('m1', { ...laoLi, name: '老李' } as never)],
		['an empty id', text('')],
		['an id with a slash', text('a/b')],
		['an id of 65 characters', text('a'.repeat(65))],
		['a time of 0', text('m1', laoLi, 'hi', 0)],
		['a fractional time', text('m1', laoLi, 'hi', AT + 0.5)],
		['a time as text', { ...text('m1'), at: String(AT) }],
		[
			'a photo over the size limit',
			{
				id: 'm2',
				from: laoLi,
				at: AT,
				kind: 'image',
				blob: HASH,
				mime: 'image/jpeg',
				size: messageLimits.imageBytes + 1
			}
		],
		[
			'a photo of 0 bytes',
			{ id: 'm2', from: laoLi, at: AT, kind: 'image', blob: HASH, mime: 'image/jpeg', size: 0 }
		],
		[
			'a photo that is audio',
			{ id: 'm2', from: laoLi, at: AT, kind: 'image', blob: HASH, mime: 'audio/webm', size: 10 }
		],
		[
			'a photo named by a bad hash',
			{
				id: 'm2',
				from: laoLi,
				at: AT,
				kind: 'image',
				blob: 'x'.repeat(64),
				mime: 'image/png',
				size: 10
			}
		],
		[
			'a voice note over the size limit',
			{
				id: 'm3',
				from: laoLi,
				at: AT,
				kind: 'voice',
				blob: HASH,
				mime: 'audio/ogg',
				size: messageLimits.voiceBytes + 1,
				durationMs: 1000
			}
		],
		[
			'a voice note over the time limit',
			{
				id: 'm3',
				from: laoLi,
				at: AT,
				kind: 'voice',
				blob: HASH,
				mime: 'audio/ogg',
				size: 10,
				durationMs: messageLimits.voiceMs + 1
			}
		],
		[
			'an svg',
			{ id: 'm2', from: laoLi, at: AT, kind: 'image', blob: HASH, mime: 'image/svg+xml', size: 10 }
		],
		[
			'a card of an unknown type',
			{ id: 'm4', from: wang, at: AT, kind: 'card', card: { ...terms, type: 'coupon' } }
		],
		[
			'terms with a rate in yuan',
			{
				id: 'm4',
				from: wang,
				at: AT,
				kind: 'card',
				card: {
					...terms,
					units: [{ code: 'R-1', modelName: '竿', rates: { daily: 30.5, deposit: 0 } }]
				}
			}
		],
		[
			'terms with no units',
			{ id: 'm4', from: wang, at: AT, kind: 'card', card: { ...terms, units: [] } }
		],
		[
			'a confirmation of nothing',
			{
				id: 'm5',
				from: laoLi,
				at: AT,
				kind: 'card',
				card: { type: 'confirmation', rentalId: 'r-1', hash: 'f00dcafe' }
			}
		],
		[
			'a hash that is not hex',
			{
				id: 'm5',
				from: laoLi,
				at: AT,
				kind: 'card',
				card: { type: 'confirmation', rentalId: 'r-1', hash: 'ZZZZZZZZ', of: 'm4' }
			}
		],
		['an edit of nothing', { id: 'm8', from: laoLi, at: AT, kind: 'edit', text: 'x' }],
		[
			'an object with a prototype',
			Object.assign(Object.create({ text: 'hidden' }), {
				id: 'm1',
				from: laoLi,
				at: AT,
				kind: 'text'
			})
		]
	];
	it.each(invalid)('refuses %s', (_story, value) => {
		expect(readMessage(value)).toBeNull();
	});

	it('keeps a voice note’s type without its codec parameters', () => {
		const sent = {
			id: 'm3',
			from: laoLi,
			at: AT,
			kind: 'voice',
			blob: HASH,
			mime: 'audio/webm;codecs=opus',
			size: 10,
			durationMs: 900
		};
		expect(readMessage(sent)).toEqual({ ...sent, mime: 'audio/webm' });
	});

	it('returns a copy that shares nothing with what it read', () => {
		const sent = text('m1');
		const read = readMessage(sent)!;
		expect(read).not.toBe(sent);
		expect(read.from).not.toBe(sent.from);
	});
});

describe('customerMaySend', () => {
	it.each([
		['text', text('m1'), true],
		['an edit', { id: 'm8', from: laoLi, at: AT, kind: 'edit', of: 'm1', text: 'x' }, true],
		[
			'a confirmation',
			{
				id: 'm5',
				from: laoLi,
				at: AT,
				kind: 'card',
				card: { type: 'confirmation', rentalId: 'r-1', hash: 'f00dcafe', of: 'm4' }
			},
			true
		],
		['rental terms', { id: 'm4', from: laoLi, at: AT, kind: 'card', card: terms }, false],
		['a system note', { id: 'm7', from: laoLi, at: AT, kind: 'system', text: '已退款' }, false]
	] as [string, Message, boolean][])('%s → %s', (_story, message, may) => {
		expect(customerMaySend(message)).toBe(may);
	});
});

describe('receiptKey', () => {
	it('is the role and the id', () => {
		expect(receiptKey(laoLi)).toBe('customer:c-88');
		expect(receiptKey(wang)).toBe('staff:wang');
	});
});

describe('threadView', () => {
	const edit = (id: string, of: string, body: string, from = laoLi, at = AT + 1): Message => ({
		id,
		from,
		at,
		kind: 'edit',
		of,
		text: body
	});
	const retract = (id: string, of: string, from = laoLi, at = AT + 2): Message => ({
		id,
		from,
		at,
		kind: 'retract',
		of
	});
	const stories: [
		string,
		Message[],
		{ id: string; text: string | null; edited: boolean; retracted: boolean }[]
	][] = [
		[
			'plain messages in thread order',
			[text('a'), text('b', wang, '有的')],
			[
				{ id: 'a', text: '周六有3.6米海竿吗？', edited: false, retracted: false },
				{ id: 'b', text: '有的', edited: false, retracted: false }
			]
		],
		[
			'the author corrects a typo',
			[text('a', laoLi, '周六有海杆吗'), edit('e1', 'a', '周六有海竿吗')],
			[{ id: 'a', text: '周六有海竿吗', edited: true, retracted: false }]
		],
		[
			'two edits: the latest time wins, wherever it sits',
			[text('a'), edit('e2', 'a', '晚的', laoLi, AT + 9), edit('e1', 'a', '早的', laoLi, AT + 5)],
			[{ id: 'a', text: '晚的', edited: true, retracted: false }]
		],
		[
			'two edits at the same time: the later in the thread wins',
			[text('a'), edit('e1', 'a', '一'), edit('e2', 'a', '二')],
			[{ id: 'a', text: '二', edited: true, retracted: false }]
		],
		[
			'staff cannot edit a customer’s words',
			[text('a'), edit('e1', 'a', '我不要押金了', wang)],
			[{ id: 'a', text: '周六有3.6米海竿吗？', edited: false, retracted: false }]
		],
		[
			'another customer cannot edit them either',
			[text('a'), edit('e1', 'a', '改了', { role: 'customer', id: 'c-99' })],
			[{ id: 'a', text: '周六有3.6米海竿吗？', edited: false, retracted: false }]
		],
		[
			'the author takes a message back',
			[text('a'), text('b', wang, '好'), retract('r1', 'a')],
			[
				{ id: 'a', text: null, edited: false, retracted: true },
				{ id: 'b', text: '好', edited: false, retracted: false }
			]
		],
		[
			'a retraction hides an edited message too',
			[text('a'), edit('e1', 'a', '改'), retract('r1', 'a')],
			[{ id: 'a', text: null, edited: false, retracted: true }]
		],
		[
			'staff cannot retract a customer’s message',
			[text('a'), retract('r1', 'a', wang)],
			[{ id: 'a', text: '周六有3.6米海竿吗？', edited: false, retracted: false }]
		],
		[
			'edits and retractions of unknown ids are ignored',
			[text('a'), edit('e1', 'zz', 'x'), retract('r1', 'yy')],
			[{ id: 'a', text: '周六有3.6米海竿吗？', edited: false, retracted: false }]
		],
		[
			'an id written twice counts at its first place',
			[text('a', laoLi, '一'), text('b', wang, '二'), text('a', laoLi, '三')],
			[
				{ id: 'a', text: '一', edited: false, retracted: false },
				{ id: 'b', text: '二', edited: false, retracted: false }
			]
		]
	];
	it.each(stories)('%s', (_story, messages, expected) => {
		const view = threadView(messages).map((item) => ({
			id: item.id,
			text: item.text,
			edited: item.editedAt !== null,
			retracted: item.retractedAt !== null && item.message === null
		}));
		expect(view).toEqual(expected);
	});

	const card = (id: string, c: Card, from: Sender, at = AT): Message => ({
		id,
		from,
		at,
		kind: 'card',
		card: c
	});
	const confirm = (of: string, hash = 'f00dcafe', rentalId = 'r-1') =>
		({ type: 'confirmation', rentalId, hash, of }) as Card;
	it.each([
		[
			'the customer confirms the terms',
			[card('t', terms, wang), card('c', confirm('t'), laoLi, AT + 60_000)],
			AT + 60_000
		],
		[
			'a confirmation of other terms (hash differs)',
			[card('t', terms, wang), card('c', confirm('t', 'deadbeef'), laoLi)],
			null
		],
		[
			'a confirmation of another rental',
			[card('t', terms, wang), card('c', confirm('t', 'f00dcafe', 'r-2'), laoLi)],
			null
		],
		[
			'staff cannot confirm for the customer',
			[card('t', terms, wang), card('c', confirm('t'), wang)],
			null
		],
		[
			'a retracted confirmation does not count',
			[card('t', terms, wang), card('c', confirm('t'), laoLi), retract('x', 'c')],
			null
		],
		[
			'confirmed twice: the first time counts',
			[
				card('t', terms, wang),
				card('c2', confirm('t'), laoLi, AT + 9),
				card('c1', confirm('t'), laoLi, AT + 5)
			],
			AT + 5
		]
	] as [string, Message[], number | null][])('%s', (_story, messages, confirmedAt) => {
		expect(threadView(messages).find((item) => item.id === 't')?.confirmedAt).toBe(confirmedAt);
		expect(confirmationOf(messages, 'r-1', 'f00dcafe')).toBe(confirmedAt);
	});
});

describe('readIndex and unreadFor', () => {
	const thread = [
		text('s1', wang, '鱼竿已备好'),
		text('c1', laoLi, '好的'),
		text('s2', wang, '押金 200 元'),
		text('s3', wang, '明早 6 点开门'),
		text('c2', laoLi, '收到')
	];
	it.each([
		['a customer who has read nothing, but wrote', 'customer:c-88', {}, 4, 0],
		['a customer who read up to s2', 'customer:c-88', { 'customer:c-88': 's2' }, 4, 0],
		[
			'staff who read s1 and wrote s3 (then the customer wrote c2)',
			'staff:wang',
			{ 'staff:wang': 's1' },
			3,
			1
		],
		[
			'staff who read nothing: the customer’s messages after their own last one',
			'staff:li',
			{},
			-1,
			2
		],
		['staff whose receipt names an unknown id', 'staff:li', { 'staff:li': 'gone' }, -1, 2],
		['staff who read c1', 'staff:li', { 'staff:li': 'c1' }, 1, 1]
	] as [string, string, Record<string, string>, number, number][])(
		'%s',
		(_story, reader, receipts, index, unread) => {
			expect(readIndex(reader, thread, receipts)).toBe(index);
			expect(unreadFor(reader, thread, receipts)).toBe(unread);
		}
	);

	it('counts staff and bot messages for a customer, not edits or retracted ones', () => {
		const messages = [
			text('c1'),
			text('s1', wang, '有'),
			text('b1', { role: 'bot', id: 'yuzu' }, '营业时间 6:00–19:00'),
			text('s2', wang, '发错了'),
			{ id: 'r', from: wang, at: AT, kind: 'retract', of: 's2' } as Message,
			{ id: 'e', from: wang, at: AT, kind: 'edit', of: 's1', text: '有货' } as Message
		];
		expect(unreadFor('customer:c-88', messages, {})).toBe(2);
		expect(unreadFor('customer:c-88', messages, { 'customer:c-88': 'b1' })).toBe(0);
	});

	it('in a group, a customer waits on other customers too; staff only on customers', () => {
		const messages = [
			text('a', laoLi),
			text('b', { role: 'customer', id: 'c-99' }, '我也去'),
			text('c', wang, '好')
		];
		expect(unreadFor('customer:c-88', messages, {})).toBe(2);
		expect(unreadFor('staff:li', messages, {})).toBe(2);
	});
});

describe('readPortal', () => {
	const portal: Portal = {
		shop: { name: '东湖渔具', phone: '138-0000-0000', address: '东湖路 8 号', hours: '6:00–19:00' },
		rentals: [
			{
				rentalId: 'r-1',
				units: [{ code: 'R-0012', modelName: '3.6 m 海竿' }],
				outAt: AT,
				dueAt: AT + 86_400_000,
				rentSoFar: 3000,
				depositHeld: 20000,
				paid: 0,
				status: 'out'
			}
		],
		updatedAt: AT
	};
	it.each([
		['a portal', portal, portal],
		['no rentals', { ...portal, rentals: [] }, { ...portal, rentals: [] }],
		[
			'a rental of an unknown status',
			{ ...portal, rentals: [{ ...portal.rentals[0], status: 'lost' }] },
			null
		],
		['amounts in yuan', { ...portal, rentals: [{ ...portal.rentals[0], paid: 1.5 }] }, null],
		['an extra field', { ...portal, note: 'x' }, null],
		['no shop', { ...portal, shop: undefined }, null]
	] as [string, unknown, Portal | null][])('%s', (_story, value, expected) => {
		expect(readPortal(value)).toEqual(expected);
	});
});
