import { describe, expect, it } from 'vitest';
import { ConfirmQueue, isAhead } from '../../../../src/lib/sync/confirm.ts';

const sv = (entries: [number, number][]) => new Map(entries);

describe('isAhead', () => {
	it.each([
		['both empty', [], [], false],
		['local has a client the server lacks', [[1, 3]], [], true],
		['same clocks', [[1, 3]], [[1, 3]], false],
		['server further along', [[1, 3]], [[1, 5]], false],
		[
			'local further on one client',
			[
				[1, 3],
				[2, 7]
			],
			[
				[1, 3],
				[2, 6]
			],
			true
		],
		[
			'server knows clients local lacks',
			[[1, 3]],
			[
				[1, 3],
				[9, 4]
			],
			false
		]
	] as [string, [number, number][], [number, number][], boolean][])(
		'%s',
		(_story, local, server, expected) => {
			expect(isAhead(sv(local), sv(server))).toBe(expected);
		}
	);
});

describe('ConfirmQueue', () => {
	it('knows nothing is pending on an empty doc that never met the server', () => {
		expect(new ConfirmQueue().pending(sv([]))).toBe(false);
	});

	it('treats content as pending until the server has told its state', () => {
		expect(new ConfirmQueue().pending(sv([[1, 2]]))).toBe(true);
	});

	it('uses a state vector remembered from an earlier session', () => {
		const queue = new ConfirmQueue(sv([[1, 2]]));
		expect(queue.pending(sv([[1, 2]]))).toBe(false);
		expect(queue.pending(sv([[1, 3]]))).toBe(true);
	});

	it('lets the answer to the on-open step 1 set the server state without confirming edits', () => {
		const queue = new ConfirmQueue();
		queue.recordLocalUpdate();
		queue.connected();
		expect(queue.serverStep1(sv([[1, 1]]))).toBe('open');
		expect(queue.confirmedSeq).toBe(0);
		expect(queue.pending(sv([[1, 1]]))).toBe(true);
	});

	it('confirms the edits counted when a probe was sent, not later ones', () => {
		const queue = new ConfirmQueue();
		queue.connected();
		queue.serverStep1(sv([]));
		queue.recordLocalUpdate();
		queue.recordLocalUpdate();
		queue.probeSent();
		queue.recordLocalUpdate();
		expect(queue.serverStep1(sv([[1, 2]]))).toBe('probe');
		expect(queue.confirmedSeq).toBe(2);
		expect(queue.pending(sv([[1, 2]]))).toBe(true);
		queue.probeSent();
		queue.serverStep1(sv([[1, 3]]));
		expect(queue.pending(sv([[1, 3]]))).toBe(false);
	});

	it('answers in order: open first, then each probe', () => {
		const queue = new ConfirmQueue();
		queue.connected();
		queue.recordLocalUpdate();
		queue.probeSent();
		expect(queue.waiting).toBe(2);
		expect(queue.serverStep1(sv([]))).toBe('open');
		expect(queue.confirmedSeq).toBe(0);
		expect(queue.serverStep1(sv([[1, 1]]))).toBe('probe');
		expect(queue.confirmedSeq).toBe(1);
		expect(queue.serverStep1(sv([[1, 1]]))).toBe('unasked');
	});

	it('forgets questions asked on a socket that closed', () => {
		const queue = new ConfirmQueue();
		queue.connected();
		queue.recordLocalUpdate();
		queue.probeSent();
		queue.disconnected();
		queue.connected();
		// The first answer on the new socket is to its on-open step 1, not the lost probe.
		expect(queue.serverStep1(sv([[1, 1]]))).toBe('open');
		expect(queue.confirmedSeq).toBe(0);
	});

	it('keeps a delete-only edit pending even though state vectors are equal', () => {
		const queue = new ConfirmQueue(sv([[1, 4]]));
		queue.recordLocalUpdate();
		expect(queue.pending(sv([[1, 4]]))).toBe(true);
	});

	it('counts structs the server relayed as already on the server', () => {
		const queue = new ConfirmQueue(sv([[1, 4]]));
		queue.serverSent(sv([[2, 5]]));
		expect(
			queue.pending(
				sv([
					[1, 4],
					[2, 5]
				])
			)
		).toBe(false);
		queue.serverSent(sv([[1, 2]]));
		expect(queue.serverStateVector?.get(1)).toBe(4);
	});

	it('reports a probe in flight only while it covers every local edit', () => {
		const queue = new ConfirmQueue();
		queue.connected();
		queue.recordLocalUpdate();
		expect(queue.probeInFlight).toBe(false);
		queue.probeSent();
		expect(queue.probeInFlight).toBe(true);
		queue.recordLocalUpdate();
		expect(queue.probeInFlight).toBe(false);
	});
});
