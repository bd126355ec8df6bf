import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { spawnServer, type ServerProcess } from '../helpers/process.ts';
import { connectClient, type TestClient } from '../helpers/server.ts';
import { waitFor } from '../helpers/wait.ts';

const root = path.resolve(import.meta.dirname, '../..');
let server: ServerProcess | undefined;
let dataDir: string;
const clients: TestClient[] = [];

function staffToken(): string {
	return execFileSync(path.join(root, 'node_modules/.bin/tsx'), ['server/token.ts', 'staff'], {
		cwd: root,
		env: { ...process.env, DATA_DIR: dataDir }
	})
		.toString()
		.trim();
}

afterEach(async () => {
	for (const c of clients.splice(0)) c.destroy();
	await server?.stop();
	rmSync(dataDir, { recursive: true, force: true });
});

describe('kill -9 during a burst of writes', () => {
	it('loses no update another client had received, and the writer delivers the rest after restart', async () => {
		dataDir = mkdtempSync(path.join(os.tmpdir(), 'yuzu-crash-'));
		server = await spawnServer(dataDir);
		const port = server.port;
		const url = `ws://127.0.0.1:${port}/sync`;
		const token = staffToken();
		const writer = connectClient(url, 'ledger', token);
		const reader = connectClient(url, 'ledger', token);
		clients.push(writer, reader);
		await waitFor(() => writer.provider.synced && reader.provider.synced);

		const seen = new Set<string>();
		reader.doc.getMap('entries').observe((event) => {
			for (const key of event.keysChanged) seen.add(key);
		});
		// Write until the reader has received 500 entries, then kill the server mid-burst.
		let written = 0;
		let killed = false;
		while (!killed && written < 100_000) {
			writer.doc.getMap('entries').set(`e${written}`, { amount: written, at: Date.now() });
			written += 1;
			if (written % 10 === 0) await new Promise((r) => setImmediate(r));
			if (seen.size >= 500) {
				killed = true;
				await server.kill9();
				// Freeze what the reader had received, and keep the writer away until the check.
				reader.provider.disconnect();
				writer.provider.disconnect();
			}
		}
		expect(killed).toBe(true);
		const receivedBeforeCrash = [...seen];
		expect(receivedBeforeCrash.length).toBeGreaterThanOrEqual(500);

		server = await spawnServer(dataDir, port);
		const fresh = connectClient(url, 'ledger', token);
		clients.push(fresh);
		await waitFor(() => fresh.provider.synced, { timeoutMs: 20_000 });
		const afterRestart = fresh.doc.getMap('entries');
		const lost = receivedBeforeCrash.filter((key) => !afterRestart.has(key));
		expect(lost).toEqual([]);

		// The writer comes back and delivers what the server never stored.
		writer.provider.connect();
		await waitFor(() => afterRestart.size === written, {
			timeoutMs: 30_000,
			message: `all ${written} entries`
		});
		expect(afterRestart.get(`e${written - 1}`)).toMatchObject({ amount: written - 1 });
	});
});
