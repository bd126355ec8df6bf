import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TokenSigner } from '../../../../server/auth/tokens.ts';
import type { Claims } from '../../../../server/auth/types.ts';

const secret = Buffer.alloc(32, 7);
const signer = new TokenSigner(secret);
const now = 1_750_000_000_000;
const staff: Claims = { role: 'staff', sub: 'acc-wang', iat: now };
const link: Claims = { role: 'customer', sub: 'cust-1', iat: now, exp: now + 60_000, jti: 'l-1' };

const b64 = (text: string) => Buffer.from(text).toString('base64url');
/** A token signed with the right secret over any payload text, to test what verify accepts. */
function forge(payload: string): string {
	const encoded = b64(payload);
	const mac = crypto.createHmac('sha256', secret).update(encoded).digest('base64url');
	return `${encoded}.${mac}`;
}
const flip = (text: string, at: number) =>
	text.slice(0, at) + (text[at] === 'A' ? 'B' : 'A') + text.slice(at + 1);

describe('TokenSigner', () => {
	it.each([staff, link, { role: 'owner', sub: 'cli-owner', iat: 0 } as Claims])(
		'round-trips %o',
		(claims) => {
			expect(signer.verify(signer.sign(claims), now)).toEqual(claims);
		}
	);

	it('drops keys that are not claims', () => {
		const token = signer.sign({ ...staff, admin: true } as Claims);
		expect(signer.verify(token, now)).toEqual(staff);
	});

	it('refuses to sign malformed claims', () => {
		expect(() => signer.sign({ ...staff, role: 'admin' } as unknown as Claims)).toThrow(TypeError);
		expect(() => signer.sign({ ...staff, sub: '' })).toThrow(TypeError);
	});

	it('needs a 32-byte secret', () => {
		expect(() => new TokenSigner(Buffer.alloc(16))).toThrow(RangeError);
	});

	const good = signer.sign(link);
	const [payload, mac] = good.split('.');
	const rejected: [string, unknown][] = [
		['a tampered signature (first char)', `${payload}.${flip(mac, 0)}`],
		['a tampered signature (last char)', `${payload}.${flip(mac, mac.length - 1)}`],
		['a tampered payload', `${flip(payload, 5)}.${mac}`],
		[
			'a payload swapped for another role',
			`${b64(JSON.stringify({ ...link, role: 'owner' }))}.${mac}`
		],
		['a truncated signature', good.slice(0, -1)],
		['a truncated payload', good.slice(1)],
		['no signature', payload],
		['an empty signature', `${payload}.`],
		['three parts', `${good}.${mac}`],
		['a token from another secret', new TokenSigner(Buffer.alloc(32, 8)).sign(link)],
		['an expired token', signer.sign({ ...link, exp: now })],
		['padding', `${payload}=.${mac}`],
		['whitespace', ` ${good}`],
		['the empty string', ''],
		['a dot', '.'],
		['garbage', '!!!.???'],
		['unicode', '渔租.渔租'],
		['a very long token', `${'A'.repeat(5000)}.${mac}`],
		['not a string', 42],
		['null', null],
		['signed non-JSON', forge('{"role":')],
		['signed JSON that is not an object', forge('[1,2]')],
		['signed null', forge('null')],
		['signed unknown role', forge(JSON.stringify({ ...staff, role: 'admin' }))],
		['signed missing sub', forge(JSON.stringify({ role: 'staff', iat: now }))],
		['signed empty sub', forge(JSON.stringify({ ...staff, sub: '' }))],
		['signed numeric sub', forge(JSON.stringify({ ...staff, sub: 7 }))],
		['signed string iat', forge(JSON.stringify({ ...staff, iat: String(now) }))],
		['signed string exp', forge(JSON.stringify({ ...staff, exp: 'never' }))],
		['signed fractional exp', forge(JSON.stringify({ ...staff, exp: now + 0.5 }))],
		['signed numeric jti', forge(JSON.stringify({ ...link, jti: 3 }))]
	];
	it.each(rejected)('rejects %s without throwing', (_, token) => {
		expect(signer.verify(token as string, now)).toBeNull();
	});

	it('accepts a token until the millisecond it expires', () => {
		const token = signer.sign(link);
		expect(signer.verify(token, link.exp! - 1)).toEqual(link);
		expect(signer.verify(token, link.exp!)).toBeNull();
	});

	it('accepts a well-formed token it did not make but that was signed with its secret', () => {
		expect(signer.verify(forge(JSON.stringify(staff)), now)).toEqual(staff);
	});
});
