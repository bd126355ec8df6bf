import crypto from 'node:crypto';
import type { Role } from '../storage/store.ts';
import type { Claims } from './types.ts';

/** Longest token `verify` looks at; anything longer is refused unread. */
const MAX_TOKEN_LENGTH = 4096;
/** Shortest secret a signer accepts (HMAC-SHA256 wants at least its output size). */
const MIN_SECRET_BYTES = 32;
const ROLES: readonly Role[] = ['owner', 'staff', 'customer'];
const BASE64URL = /^[A-Za-z0-9_-]+$/;

/**
 * Signs and checks bearer tokens: `base64url(JSON claims).base64url(HMAC-SHA256)`.
 * `verify` returns null for anything it does not trust and never throws.
 */
export class TokenSigner {
	readonly #secret: Buffer;

	constructor(secret: Buffer) {
		if (secret.length < MIN_SECRET_BYTES) {
			throw new RangeError(`A token secret needs at least ${MIN_SECRET_BYTES} bytes`);
		}
		this.#secret = Buffer.from(secret);
	}

	/** A token that carries `claims`; throws on claims no verifier would accept. */
	sign(claims: Claims): string {
		const clean = readClaims(claims);
		if (!clean) throw new TypeError(`Cannot sign malformed claims: ${JSON.stringify(claims)}`);
		const payload = Buffer.from(JSON.stringify(clean)).toString('base64url');
		return `${payload}.${this.#mac(payload)}`;
	}

	/** The claims of a genuine, unexpired token (at `now`, epoch ms), else null. */
	verify(token: string, now: number = Date.now()): Claims | null {
		if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
		const parts = token.split('.');
		if (parts.length !== 2 || !parts.every((part) => BASE64URL.test(part))) return null;
		const [payload, mac] = parts;
		if (!sameText(mac, this.#mac(payload))) return null;
		const claims = readClaims(parseJson(Buffer.from(payload, 'base64url').toString('utf8')));
		if (!claims || (claims.exp !== undefined && now >= claims.exp)) return null;
		return claims;
	}

	#mac(payload: string): string {
		return crypto.createHmac('sha256', this.#secret).update(payload).digest('base64url');
	}
}

/** Constant-time comparison of two ASCII strings (the length is no secret). */
function sameText(a: string, b: string): boolean {
	const left = Buffer.from(a);
	const right = Buffer.from(b);
	return left.length === right.length && crypto.timingSafeEqual(left, right);
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

const isTime = (value: unknown): value is number =>
	typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;

/** The Claims in `value` with nothing else, or null when any field is off. */
function readClaims(value: unknown): Claims | null {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
	const { role, sub, iat, exp, jti } = value as Record<string, unknown>;
	if (!ROLES.includes(role as Role)) return null;
	if (typeof sub !== 'string' || sub === '' || !isTime(iat)) return null;
	if (exp !== undefined && !isTime(exp)) return null;
	if (jti !== undefined && (typeof jti !== 'string' || jti === '')) return null;
	const claims: Claims = { role: role as Role, sub, iat };
	if (exp !== undefined) claims.exp = exp;
	if (jti !== undefined) claims.jti = jti;
	return claims;
}
