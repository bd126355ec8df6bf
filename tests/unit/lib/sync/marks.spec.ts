import { describe, expect, it } from 'vitest';
import {
	clearMarks,
	decodeMarks,
	encodeMarks,
	storageMarksStore
} from '../../../../src/lib/sync/marks.ts';

class MemoryStorage implements Storage {
	#items = new Map<string, string>();
	get length() {
		return this.#items.size;
	}
	clear() {
		this.#items.clear();
	}
	getItem(key: string) {
		return this.#items.get(key) ?? null;
	}
	key(index: number) {
		return [...this.#items.keys()][index] ?? null;
	}
	removeItem(key: string) {
		this.#items.delete(key);
	}
	setItem(key: string, value: string) {
		this.#items.set(key, value);
	}
}

describe('sync marks', () => {
	it('round-trips a state vector and the offline time', () => {
		const marks = { serverStateVector: new Map([[12, 3]]), offlineSince: 1_700_000_000_000 };
		expect(decodeMarks(encodeMarks(marks))).toEqual(marks);
	});

	it.each([null, '', 'not json', '{"sv":[["x",1]]}', '{"sv":5,"offlineSince":"soon"}'])(
		'reads %j as nothing known',
		(text) => {
			const marks = decodeMarks(text);
			expect(marks.offlineSince).toBeNull();
			expect(marks.serverStateVector?.size ?? 0).toBe(0);
		}
	);

	it('keeps marks per doc in storage and clears only its own keys', () => {
		const storage = new MemoryStorage();
		storage.setItem('yuzu.locale', 'en');
		const store = storageMarksStore(storage);
		store.save('settings', { serverStateVector: new Map([[1, 1]]), offlineSince: null });
		expect(store.load('settings').serverStateVector).toEqual(new Map([[1, 1]]));
		expect(store.load('ledger').serverStateVector).toBeNull();
		clearMarks(storage);
		expect(store.load('settings').serverStateVector).toBeNull();
		expect(storage.getItem('yuzu.locale')).toBe('en');
	});
});
