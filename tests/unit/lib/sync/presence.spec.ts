import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyAwarenessUpdate, Awareness, encodeAwarenessUpdate } from 'y-protocols/awareness';
import {
	othersViewing,
	viewSubject,
	type PresenceUser
} from '../../../../src/lib/sync/presence.ts';

const wang: PresenceUser = { id: 'acc-wang', name: '老王' };
const li: PresenceUser = { id: 'acc-li', name: '小李' };

/** Copies every state of `from` into `to`, as the sync server relays awareness. */
function relay(from: Awareness, to: Awareness) {
	applyAwarenessUpdate(to, encodeAwarenessUpdate(from, [...from.getStates().keys()]), 'remote');
}

describe('presence', () => {
	it("lists the others viewing the same rental, not me and not another rental's viewers", () => {
		const tabletA = new Awareness(new Y.Doc());
		const tabletB = new Awareness(new Y.Doc());
		const tabletC = new Awareness(new Y.Doc());
		const seen: PresenceUser[][] = [];
		const stop = viewSubject(tabletA, 'rental-1', wang, (others) => seen.push(others));
		viewSubject(tabletB, 'rental-1', li, () => {});
		viewSubject(tabletC, 'rental-2', { id: 'acc-zhang', name: '老张' }, () => {});
		relay(tabletB, tabletA);
		relay(tabletC, tabletA);
		expect(seen.at(-1)).toEqual([li]);
		expect(othersViewing(tabletA, 'rental-2', wang).map((u) => u.name)).toEqual(['老张']);

		stop();
		expect(tabletA.getLocalState()?.viewing).toBeNull();
		relay(tabletA, tabletB);
		expect(othersViewing(tabletB, 'rental-1', li)).toEqual([]);
	});

	it('counts one person once, even with the rental open on two tablets', () => {
		const mine = new Awareness(new Y.Doc());
		const [one, two] = [new Awareness(new Y.Doc()), new Awareness(new Y.Doc())];
		viewSubject(one, 'rental-1', li, () => {});
		viewSubject(two, 'rental-1', li, () => {});
		relay(one, mine);
		relay(two, mine);
		expect(othersViewing(mine, 'rental-1', wang)).toEqual([li]);
	});
});
