import { describe, expect, it } from 'vitest';
import { Accounts } from '../../../../server/auth/accounts.ts';
import { CustomerLinks } from '../../../../server/auth/links.ts';
import { TokenSigner } from '../../../../server/auth/tokens.ts';
import { createMemoryStore } from '../../../../server/storage/memory-store.ts';

function setup() {
	let now = 1_750_000_000_000;
	const clock = () => now;
	const store = createMemoryStore();
	const signer = new TokenSigner(Buffer.alloc(32, 3));
	const links = new CustomerLinks(store, signer, clock);
	const accounts = new Accounts(store, signer, clock);
	return { links, accounts, signer, tick: () => (now += 1000) };
}

describe('CustomerLinks', () => {
	it('issues a link that authenticates as the customer, and shows the same token again', () => {
		const { links, accounts } = setup();
		const link = links.issue('cust-1', 'acc-wang');
		expect(link).toMatchObject({ customerId: 'cust-1', createdBy: 'acc-wang' });
		expect(link.path).toBe(`/c/${link.token}`);
		expect(links.current('cust-1')).toEqual(link);
		expect(accounts.verify(link.token)).toEqual({
			ok: true,
			peer: { role: 'customer', id: 'cust-1' }
		});
	});

	it.each([
		['replaced by a new link', (l: CustomerLinks) => l.issue('cust-1', 'acc-li')],
		['revoked', (l: CustomerLinks) => l.revoke('cust-1')]
	])('refuses a link that was %s, and says so', (_story, change) => {
		const { links, accounts, tick } = setup();
		const old = links.issue('cust-1', 'acc-wang');
		tick();
		change(links);
		expect(accounts.verify(old.token)).toEqual({ ok: false, reason: 'link_revoked' });
		expect(accounts.authenticate(old.token)).toBeNull();
	});

	it('keeps one customer’s link apart from another’s', () => {
		const { links, accounts } = setup();
		const mine = links.issue('cust-1', 'acc-wang');
		links.issue('cust-2', 'acc-wang');
		links.revoke('cust-2');
		expect(accounts.verify(mine.token).ok).toBe(true);
		expect(links.current('cust-2')).toBeUndefined();
		expect(links.revoke('cust-2')).toBe(false);
	});

	it('cannot be moved to another customer: a link id belongs to one', () => {
		const { links, accounts, signer } = setup();
		links.issue('cust-1', 'acc-wang');
		const theirs = links.issue('cust-2', 'acc-wang');
		const claims = signer.verify(theirs.token)!;
		const forged = signer.sign({ ...claims, sub: 'cust-1' });
		expect(accounts.verify(forged)).toEqual({ ok: false, reason: 'link_revoked' });
	});

	it('tells a bad token and a missing one apart from a revoked link', () => {
		const { accounts, signer } = setup();
		expect(accounts.verify(null)).toEqual({ ok: false, reason: 'no_token' });
		expect(accounts.verify('nope')).toEqual({ ok: false, reason: 'invalid' });
		// A customer token without a jti is a script's token (`npm run token`), not a link.
		const scripted = signer.sign({ role: 'customer', sub: 'cust-9', iat: 1 });
		expect(accounts.verify(scripted)).toEqual({
			ok: true,
			peer: { role: 'customer', id: 'cust-9' }
		});
	});
});
