import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
	addNote,
	assignThread,
	changeLabels,
	notesDocName,
	readNotes,
	readThreadMeta,
	setThreadStatus
} from '../../../../src/lib/crdt/notes.ts';
import { staffOrigin } from '../../../../src/lib/crdt/origin.ts';

const wang = staffOrigin('acc-wang', '小王');
const li = staffOrigin('acc-li', '老李');

function sync(a: Y.Doc, b: Y.Doc): void {
	Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
	Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

describe('notes doc', () => {
	it('names the doc after its thread', () => {
		expect(notesDocName('c1')).toBe('notes:c1');
	});

	it('reads an untouched doc as an open thread with nothing else', () => {
		expect(readThreadMeta(new Y.Doc())).toEqual({ status: 'open', statusAt: 0, labels: [] });
		expect(readNotes(new Y.Doc())).toEqual([]);
	});

	it('sets status with its time, assignee and labels, each in one transaction by its origin', () => {
		const doc = new Y.Doc();
		const origins: unknown[] = [];
		doc.on('afterTransaction', (tr: Y.Transaction) => origins.push(tr.origin));
		setThreadStatus(doc, 'pending', wang, 100);
		expect(assignThread(doc, 'acc-wang', wang)).toBe(true);
		expect(assignThread(doc, 'acc-wang', wang)).toBe(false);
		expect(changeLabels(doc, { add: [' 海钓 ', '押金', ''] }, wang)).toBe(true);
		expect(changeLabels(doc, { add: ['海钓'] }, wang)).toBe(false);
		expect(readThreadMeta(doc)).toEqual({
			status: 'pending',
			statusAt: 100,
			assignee: 'acc-wang',
			labels: ['押金', '海钓'].sort()
		});
		expect(origins).toEqual([wang, wang, wang]);

		setThreadStatus(doc, 'pending', li, 200);
		expect(readThreadMeta(doc).statusAt).toBe(200);
		assignThread(doc, null, li);
		changeLabels(doc, { remove: ['押金'] }, li);
		expect(readThreadMeta(doc)).toEqual({ status: 'pending', statusAt: 200, labels: ['海钓'] });
	});

	it('keeps labels two tablets add offline, and both notes', () => {
		const a = new Y.Doc();
		const b = new Y.Doc();
		changeLabels(a, { add: ['老客户'] }, wang);
		changeLabels(b, { add: ['海钓'] }, li);
		addNote(a, '上次的竿子有划痕', wang, 1);
		addNote(b, '喜欢早上来', li, 2);
		sync(a, b);
		for (const doc of [a, b]) {
			expect(readThreadMeta(doc).labels).toEqual(['海钓', '老客户'].sort());
			expect(
				readNotes(doc)
					.map((n) => [n.by, n.text])
					.sort()
			).toEqual([
				['acc-li', '喜欢早上来'],
				['acc-wang', '上次的竿子有划痕']
			]);
		}
	});

	it('refuses an empty note and skips malformed ones', () => {
		const doc = new Y.Doc();
		expect(addNote(doc, '   ', wang)).toBeNull();
		doc.getArray('notes').push([{ id: 'x' }, 'nonsense']);
		const id = addNote(doc, ' 记得退押金 ', wang, 5);
		expect(readNotes(doc)).toEqual([{ id, by: 'acc-wang', at: 5, text: '记得退押金' }]);
	});
});
