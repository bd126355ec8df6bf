import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadOrCreateSecret } from '../../../../server/auth/secret.ts';

describe('loadOrCreateSecret', () => {
	let root: string;
	beforeEach(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'yuzu-secret-'));
	});
	afterEach(() => {
		fs.rmSync(root, { recursive: true, force: true });
	});

	it('creates 32 private random bytes in a new data dir, then reads the same ones', () => {
		const dataDir = path.join(root, 'shop', 'data');
		const first = loadOrCreateSecret(dataDir);
		const file = path.join(dataDir, 'secret.key');
		expect(first).toHaveLength(32);
		expect(fs.statSync(file).mode & 0o777).toBe(0o600);
		expect(fs.readFileSync(file)).toEqual(first);
		expect(loadOrCreateSecret(dataDir)).toEqual(first);
		expect(fs.readdirSync(dataDir)).toEqual(['secret.key']);
	});

	it('makes a different secret for each shop', () => {
		const a = loadOrCreateSecret(path.join(root, 'a'));
		const b = loadOrCreateSecret(path.join(root, 'b'));
		expect(a.equals(b)).toBe(false);
	});

	it('replaces an empty file left by an interrupted first start', () => {
		fs.writeFileSync(path.join(root, 'secret.key'), '');
		expect(loadOrCreateSecret(root)).toHaveLength(32);
	});

	it('refuses a damaged secret instead of silently signing everyone out', () => {
		fs.writeFileSync(path.join(root, 'secret.key'), 'short');
		expect(() => loadOrCreateSecret(root)).toThrow(/restore it from a backup/);
	});
});
