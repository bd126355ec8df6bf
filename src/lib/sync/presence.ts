/**
 * Who else has the same thing open: each tablet puts `{ user, viewing }` in its awareness state
 * on a doc's room, and reads the others'. Awareness is not stored and vanishes with the socket,
 * so it is only ever a hint ("小李 also has this rental open"), never a lock.
 */
import type { Awareness } from 'y-protocols/awareness';

export interface PresenceUser {
	id: string;
	name: string;
}

interface PresenceState {
	user?: PresenceUser;
	viewing?: string | null;
}

/** The other people (by account, each once) whose tablet says it is viewing `subject`. */
export function othersViewing(
	awareness: Awareness,
	subject: string,
	me: PresenceUser
): PresenceUser[] {
	const seen = new Map<string, PresenceUser>();
	for (const [clientId, state] of awareness.getStates()) {
		const { user, viewing } = state as PresenceState;
		if (clientId === awareness.clientID || viewing !== subject) continue;
		if (!user || typeof user.id !== 'string' || typeof user.name !== 'string') continue;
		if (user.id !== me.id) seen.set(user.id, { id: user.id, name: user.name });
	}
	return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/**
 * Says this tablet is viewing `subject` and calls `onChange` with the others viewing it now and
 * whenever that changes; the returned function stops viewing.
 */
export function viewSubject(
	awareness: Awareness,
	subject: string,
	me: PresenceUser,
	onChange: (others: PresenceUser[]) => void
): () => void {
	awareness.setLocalStateField('user', me);
	awareness.setLocalStateField('viewing', subject);
	const update = () => onChange(othersViewing(awareness, subject, me));
	awareness.on('change', update);
	update();
	return () => {
		awareness.off('change', update);
		if (awareness.getLocalState()?.viewing === subject)
			awareness.setLocalStateField('viewing', null);
	};
}
