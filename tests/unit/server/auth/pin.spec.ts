import crypto from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashPin, isValidPin, verifyPin } from '../../../../server/auth/pin.ts';

describe('isValidPin', () => {
	it.each([
		['1234', true],
		['00000000', true],
		['8675309', true],
		['123', false],
		['123456789', false],
		['', false],
		['12a4', false],
		['1234 ', false],
		[' 1234', false],
		['1234\n', false],
		['１２３４', false],
		['١٢٣٤', false],
		['-123', false],
		['12.4', false]
	])('%j → %s', (pin, valid) => {
		expect(isValidPin(pin)).toBe(valid);
	});

	it.each([1234, null, undefined, ['1234']])('refuses a non-string %j', (pin) => {
		expect(isValidPin(pin)).toBe(false);
	});
});

describe('hashPin / verifyPin', () => {
	it('hashes to scrypt$N$r$p$salt$hash and verifies only the same PIN', async () => {
		const hash = await hashPin('2468');
		expect(hash).toMatch(/^scrypt\$16384\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
		expect(await verifyPin('2468', hash)).toBe(true);
		expect(await verifyPin('2469', hash)).toBe(false);
		expect(await verifyPin('', hash)).toBe(false);
	});

	it('salts every hash', async () => {
		const [a, b] = await Promise.all([hashPin('1111'), hashPin('1111')]);
		expect(a).not.toBe(b);
	});

	it.each([
		'',
		'garbage',
		'scrypt$16384$8$1$c2FsdHNhbHQ',
		'scrypt$16384$8$1$c2FsdHNhbHQ$',
		'bcrypt$16384$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
		'scrypt$16383$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
		'scrypt$0x4000$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
		'scrypt$1073741824$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA',
		'scrypt$16384$8$1$c2Fs$aGFzaGhhc2hoYXNoaGFzaA',
		'scrypt$16384$8$1$c2FsdHNhbHQ$aGFzaA',
		'scrypt$16384$8$1$c2FsdH+hbHQ$aGFzaGhhc2hoYXNoaGFzaA',
		'scrypt$16384$8$1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA$extra'
	])('returns false for the malformed hash %j', async (hash) => {
		await expect(verifyPin('1234', hash)).resolves.toBe(false);
	});

	it('returns false for a hash that is not a string', async () => {
		await expect(verifyPin('1234', undefined as unknown as string)).resolves.toBe(false);
	});

	it('reads the cost from the hash, so hashes made with other parameters still verify', async () => {
		const salt = Buffer.from('salt-of-the-sea!');
		const key = crypto.scryptSync('5555', salt, 32, { N: 1024, r: 8, p: 2 });
		const hash = `scrypt$1024$8$2$${salt.toString('base64url')}$${key.toString('base64url')}`;
		expect(await verifyPin('5555', hash)).toBe(true);
		expect(await verifyPin('5555', hash.replace('$1024$', '$2048$'))).toBe(false);
	});
});
