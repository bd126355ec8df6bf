import { describe, expect, it } from 'vitest';
import {
	nextOrder,
	readQuickReply,
	sortQuickReplies,
	validateQuickReply
} from '../../../../src/lib/domain/quick-replies.ts';

const QR = 'a'.repeat(64);

describe('quick reply drafts', () => {
	it.each([
		[
			'opening hours as text',
			{ text: ' 每天 6:00–19:00 ' },
			{ ok: true, value: { text: '每天 6:00–19:00' } }
		],
		[
			'the payment QR code alone',
			{ text: '', image: QR },
			{ ok: true, value: { text: '', image: QR } }
		],
		[
			'the price list with a line of text',
			{ text: '价目表', image: QR },
			{ ok: true, value: { text: '价目表', image: QR } }
		],
		['nothing at all', { text: '   ' }, { ok: false, error: 'empty' }],
		['too long', { text: '鱼'.repeat(501) }, { ok: false, error: 'too_long' }],
		[
			'an image that is not a hash',
			{ text: 'x', image: 'qr.png' },
			{ ok: false, error: 'bad_image' }
		]
	])('%s', (_story, draft, expected) => {
		expect(validateQuickReply(draft)).toEqual(expected);
	});
});

describe('stored quick replies', () => {
	it('reads well-formed rows and skips the rest', () => {
		expect(readQuickReply('q1', { text: '你好', order: 2 })).toEqual({
			id: 'q1',
			text: '你好',
			order: 2
		});
		expect(readQuickReply('q2', { text: '', image: QR, order: 1 })).toEqual({
			id: 'q2',
			text: '',
			image: QR,
			order: 1
		});
		expect(readQuickReply('q3', { text: '', order: 1 })).toBeNull();
		expect(readQuickReply('q4', { text: 'x' })).toBeNull();
		expect(readQuickReply('q5', 'x')).toBeNull();
	});

	it('sorts by order, ties by id, and puts a new one last', () => {
		const list = [
			{ id: 'b', text: 'b', order: 1 },
			{ id: 'a', text: 'a', order: 1 },
			{ id: 'c', text: 'c', order: 0 }
		];
		expect(sortQuickReplies(list).map((r) => r.id)).toEqual(['c', 'a', 'b']);
		expect(nextOrder(list)).toBe(2);
		expect(nextOrder([])).toBe(1);
	});
});
