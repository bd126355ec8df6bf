import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** File in DATA_DIR that holds the key every token is signed with. */
export const SECRET_FILE = 'secret.key';
/** Length of the signing key: 256 bits, the output size of HMAC-SHA256. */
export const SECRET_BYTES = 32;

/**
 * The shop's signing key: read from `<dataDir>/secret.key`, or created there (mode 0600)
 * on first start. Losing the file signs everyone out and breaks every customer link.
 */
export function loadOrCreateSecret(dataDir: string): Buffer {
	fs.mkdirSync(dataDir, { recursive: true });
	const file = path.join(dataDir, SECRET_FILE);
	const existing = readIfPresent(file);
	// An empty file is a first start cut short: nothing was ever signed with it.
	if (existing === null || existing.length === 0) return create(file);
	if (existing.length !== SECRET_BYTES) {
		throw new Error(
			`${file} holds ${existing.length} bytes, not ${SECRET_BYTES}: restore it from a backup, ` +
				'or delete it to make a new one (every login and customer link must then be issued again)'
		);
	}
	return existing;
}

function readIfPresent(file: string): Buffer | null {
	try {
		return fs.readFileSync(file);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	}
}

/** Writes the new key to a private temp file, syncs it, then renames it into place. */
function create(file: string): Buffer {
	const secret = crypto.randomBytes(SECRET_BYTES);
	const temp = `${file}.${process.pid}.tmp`;
	fs.rmSync(temp, { force: true });
	const fd = fs.openSync(temp, 'wx', 0o600);
	try {
		fs.writeSync(fd, secret);
		fs.fsyncSync(fd);
	} finally {
		fs.closeSync(fd);
	}
	fs.renameSync(temp, file);
	return secret;
}
