/**
 * Where each message of a thread doc sits in Yjs: the client id and clock of the struct that
 * holds it. Compared with the server's state vector, it says which messages the server holds
 * (domain/customer-chat.ts `pendingMessageIds`), message by message.
 *
 * Reads Yjs's item list (`_start`, `right`), which Yjs exports as its public `Item` type.
 * Consecutive pushes by one client merge into one item whose content holds several messages,
 * at consecutive clocks.
 */
import type * as Y from 'yjs';
import type { MessageClock } from '../domain/customer-chat.ts';
import { threadKeys } from './thread.ts';

/** Message id → where it was first written; rows without an id are skipped. */
export function messageClocks(doc: Y.Doc): Map<string, MessageClock> {
	const clocks = new Map<string, MessageClock>();
	let item = doc.getArray<unknown>(threadKeys.messages)._start;
	while (item) {
		if (!item.deleted && item.countable) {
			const { client, clock } = item.id;
			item.content.getContent().forEach((value: unknown, offset: number) => {
				const id = (value as { id?: unknown } | null)?.id;
				if (typeof id === 'string' && !clocks.has(id))
					clocks.set(id, { client, clock: clock + offset });
			});
		}
		item = item.right;
	}
	return clocks;
}
