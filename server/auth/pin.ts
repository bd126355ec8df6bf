import crypto from 'node:crypto';

/** scrypt cost parameters for new hashes (about 16 MiB and tens of ms per try). */
const COST = { N: 16384, r: 8, p: 1 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Most memory a stored hash may make `verifyPin` spend (128·N·r bytes). */
const MAX_MEMORY = 64 * 1024 * 1024;
const PIN = /^[0-9]{4,8}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const WHOLE = /^[1-9][0-9]{0,9}$/;

interface ScryptParams {
	N: number;
	r: number;
	p: number;
}

/** True for a PIN staff may set: 4 to 8 ASCII digits. */
export function isValidPin(pin: unknown): pin is string {
	return typeof pin === 'string' && PIN.test(pin);
}

/** A salted scrypt hash of `pin` as `scrypt$N$r$p$salt$hash` (base64url parts). */
export async function hashPin(pin: string): Promise<string> {
	const salt = crypto.randomBytes(SALT_BYTES);
	const key = await scrypt(pin, salt, KEY_BYTES, COST);
	const { N, r, p } = COST;
	return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Whether `pin` matches `hash`; false (never a throw) for a malformed or unknown hash. */
export async function verifyPin(pin: string, hash: string): Promise<boolean> {
	const parsed = parseHash(hash);
	if (!parsed || typeof pin !== 'string') return false;
	try {
		const key = await scrypt(pin, parsed.salt, parsed.key.length, parsed.params);
		return crypto.timingSafeEqual(key, parsed.key);
	} catch {
		return false;
	}
}

function scrypt(pin: string, salt: Buffer, length: number, params: ScryptParams): Promise<Buffer> {
	const options = { ...params, maxmem: MAX_MEMORY + 1024 * 1024 };
	return new Promise((resolve, reject) => {
		crypto.scrypt(pin, salt, length, options, (error, key) =>
			error ? reject(error) : resolve(key)
		);
	});
}

function parseHash(hash: unknown): { params: ScryptParams; salt: Buffer; key: Buffer } | null {
	if (typeof hash !== 'string') return null;
	const parts = hash.split('$');
	if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
	if (!parts.slice(1, 4).every((part) => WHOLE.test(part))) return null;
	const [N, r, p] = parts.slice(1, 4).map(Number);
	const [salt, key] = parts.slice(4);
	if (!isCost(N, r, p) || !BASE64URL.test(salt) || !BASE64URL.test(key)) return null;
	const saltBytes = Buffer.from(salt, 'base64url');
	const keyBytes = Buffer.from(key, 'base64url');
	if (saltBytes.length < 8 || keyBytes.length < 16 || keyBytes.length > 64) return null;
	return { params: { N, r, p }, salt: saltBytes, key: keyBytes };
}

/** A sane scrypt cost: N a power of two, within the memory and time a login may spend. */
function isCost(N: number, r: number, p: number): boolean {
	const powerOfTwo = N >= 2 && (N & (N - 1)) === 0;
	return powerOfTwo && r <= 32 && p <= 16 && 128 * N * r <= MAX_MEMORY;
}
