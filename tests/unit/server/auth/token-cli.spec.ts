import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOrCreateSecret } from '../../../../server/auth/secret.ts';
import { TokenSigner } from '../../../../server/auth/tokens.ts';

const run = promisify(execFile);
const tsx = path.resolve('node_modules/.bin/tsx');

interface Outcome {
	code: number;
	stdout: string;
	stderr: string;
}

/** Runs `tsx server/token.ts ...args` as `npm run --silent token` would, with DATA_DIR set. */
async function token(dataDir: string, ...args: string[]): Promise<Outcome> {
	const env = { ...process.env, DATA_DIR: dataDir };
	try {
		const { stdout, stderr } = await run(tsx, ['server/token.ts', ...args], { env });
		return { code: 0, stdout, stderr };
	} catch (error) {
		const failed = error as { code: number; stdout: string; stderr: string };
		return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
	}
}

describe('token CLI', () => {
	let root: string;
	let dataDir: string;
	beforeAll(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'yuzu-token-'));
		dataDir = path.join(root, 'data');
	});
	afterAll(() => {
		fs.rmSync(root, { recursive: true, force: true });
	});

	it.each([
		[['staff'], 'staff', 'cli-staff'],
		[['owner'], 'owner', 'cli-owner'],
		[['staff', 'acc-wang'], 'staff', 'acc-wang'],
		[['customer', 'cust-42'], 'customer', 'cust-42']
	])('prints one token line for %j that the server accepts', async (args, role, sub) => {
		const before = Date.now();
		const { code, stdout } = await token(dataDir, ...args);
		expect(code).toBe(0);
		expect(stdout).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\n$/);
		const claims = new TokenSigner(loadOrCreateSecret(dataDir)).verify(stdout.trim());
		expect(claims).toMatchObject({ role, sub });
		expect(claims!.iat).toBeGreaterThanOrEqual(before);
		expect(claims!.exp).toBeUndefined();
	});

	it.each([[[]], [['customer']], [['admin']], [['staff', '']], [['staff', 'a', 'b']]])(
		'prints usage on stderr and exits 2 for %j',
		async (args) => {
			const { code, stdout, stderr } = await token(path.join(root, 'unused'), ...args);
			expect({ code, stdout }).toEqual({ code: 2, stdout: '' });
			expect(stderr).toMatch(/^usage: npm run --silent token -- <owner\|staff\|customer> \[id\]/);
			expect(fs.existsSync(path.join(root, 'unused'))).toBe(false);
		}
	);
});
