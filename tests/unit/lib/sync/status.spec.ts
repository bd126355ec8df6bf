import { describe, expect, it } from 'vitest';
import { overallStatus } from '../../../../src/lib/sync/status.ts';
import type { SyncStatus } from '../../../../src/lib/sync/status.ts';

const online: SyncStatus = {
	connection: 'online',
	offlineSince: null,
	pending: false,
	error: null
};

describe('overallStatus', () => {
	it('is connecting while no doc is open yet', () => {
		expect(overallStatus([]).connection).toBe('connecting');
	});

	it('is online when every doc is', () => {
		expect(overallStatus([online, online])).toEqual(online);
	});

	it('shows the worst connection and the earliest time offline', () => {
		const overall = overallStatus([
			online,
			{ ...online, connection: 'offline', offlineSince: 2000 },
			{ ...online, connection: 'connecting' },
			{ ...online, connection: 'offline', offlineSince: 1000 }
		]);
		expect(overall.connection).toBe('offline');
		expect(overall.offlineSince).toBe(1000);
	});

	it('is pending when any doc is', () => {
		expect(overallStatus([online, { ...online, pending: true }]).pending).toBe(true);
	});

	it('drops the offline time once nothing is offline', () => {
		expect(
			overallStatus([{ ...online, connection: 'connecting', offlineSince: 5 }]).offlineSince
		).toBeNull();
	});

	it('carries a permanent error', () => {
		expect(overallStatus([online, { ...online, error: 4403 }]).error).toBe(4403);
	});
});
