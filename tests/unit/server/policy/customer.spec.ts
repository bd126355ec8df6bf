import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { checkCustomerUpdate, customerPresence } from '../../../../server/policy/customer.ts';
import type { GuardContext } from '../../../../server/sync/hooks.ts';
import { knownStateOf } from '../../../../server/sync/update-effect.ts';
import { decoded, docWithClient, message, step2For, syncInto, updateOf } from '../sync/fixtures.ts';

const CUSTOMER_ID = 'c-88';

/** The thread on the server: staff wrote twice and moved their receipt (a deletion long ago). */
function thread(): Y.Doc {
	const server = docWithClient(1);
	server.getArray('messages').push([message('s1', 'staff', 'wang', '鱼竿已备好')]);
	server.getArray('messages').push([message('s2', 'staff', 'wang', '押金 200 元')]);
	server.getMap('receipts').set('wang', 's1');
	server.getMap('receipts').set('wang', 's2');
	return server;
}

function phoneOf(server: Y.Doc): Y.Doc {
	const phone = docWithClient(500);
	syncInto(server, phone);
	return phone;
}

function contextFor(server: Y.Doc, update: Uint8Array): GuardContext {
	return {
		peer: { role: 'customer', id: CUSTOMER_ID },
		docName: `thread:${CUSTOMER_ID}`,
		doc: server,
		update: decoded(update),
		known: knownStateOf(server),
		ownClients: new Set()
	};
}

describe('checkCustomerUpdate', () => {
	const stories: [string, (server: Y.Doc) => Uint8Array, boolean][] = [
		[
			'a customer appends a message',
			(server) =>
				updateOf(phoneOf(server), (d) =>
					d.getArray('messages').push([message('c1', 'customer', CUSTOMER_ID, '明天能租吗？')])
				),
			true
		],
		[
			'a customer appends, answering step 1 with the whole delete set',
			(server) => {
				const phone = phoneOf(server);
				phone.getArray('messages').push([message('c1', 'customer', CUSTOMER_ID, '好的')]);
				return step2For(phone, server);
			},
			true
		],
		[
			'a customer sets its own first receipt',
			(server) =>
				updateOf(phoneOf(server), (d) => d.getMap('receipts').set(`customer:${CUSTOMER_ID}`, 's2')),
			true
		],
		[
			'a customer deletes a staff message',
			(server) => updateOf(phoneOf(server), (d) => d.getArray('messages').delete(0, 1)),
			false
		],
		[
			'a customer overwrites staff’s receipt',
			(server) => updateOf(phoneOf(server), (d) => d.getMap('receipts').set('wang', 's1')),
			false
		]
	];

	it.each(stories)('%s → ok: %s', (_story, build, ok) => {
		const server = thread();
		const verdict = checkCustomerUpdate(contextFor(server, build(server)));
		expect(verdict.ok).toBe(ok);
		if (!verdict.ok) expect(verdict.reason).toBe('customers cannot delete');
	});

	// The whole thread rule (receipts moved, portal, forged senders, limits, rate): customer-thread.spec.ts.
});

describe('customerPresence', () => {
	it('overrides a claimed staff role with the customer it is', () => {
		const claimed = { user: { role: 'staff', id: 'wang', name: '王师傅' }, typing: true };
		expect(customerPresence(CUSTOMER_ID, claimed)).toEqual({
			user: { role: 'customer', id: CUSTOMER_ID },
			typing: true
		});
	});

	it('adds the identity to a state that had none', () => {
		expect(customerPresence(CUSTOMER_ID, { typing: false })).toEqual({
			typing: false,
			user: { role: 'customer', id: CUSTOMER_ID }
		});
	});

	it('does not change the state it was given', () => {
		const state = { user: { role: 'owner', id: 'boss' } };
		customerPresence(CUSTOMER_ID, state);
		expect(state).toEqual({ user: { role: 'owner', id: 'boss' } });
	});

	it.each([
		['null', null],
		['undefined', undefined],
		['a string', 'staff'],
		['a number', 42],
		['true', true],
		['false', false],
		['0', 0],
		['an empty string', '']
	])('drops %s', (_name, state) => {
		expect(customerPresence(CUSTOMER_ID, state)).toBeNull();
	});
});
