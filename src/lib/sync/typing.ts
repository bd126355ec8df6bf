/**
 * Typing indicators on a thread's room: each side puts `{ typing: true }` in its awareness state
 * while it writes and clears it when it stops or sends. The server binds a customer's awareness
 * to their link (`user: { role: 'customer', id }`), so a customer cannot pose as staff here.
 * Like presence, this is a hint that vanishes with the socket, never stored.
 */
import type { Awareness } from 'y-protocols/awareness';
import type { PresenceUser } from './presence.ts';

/** How long a pause in typing still counts as typing. */
export const TYPING_IDLE_MS = 4_000;

export interface Typing {
	/** A customer of the thread is writing. */
	customer: boolean;
	/** Someone at the shop other than me is writing (a customer sees only this: not who). */
	shop: boolean;
	/** Other staff writing in this thread (each account once). */
	staff: PresenceUser[];
}

interface TypingState {
	typing?: unknown;
	user?: { id?: unknown; name?: unknown; role?: unknown };
}

/** Who else is typing, from the awareness states (`self`: this tablet's client id). */
export function typingIn(states: ReadonlyMap<number, unknown>, self: number, me: string): Typing {
	let customer = false;
	let shop = false;
	const staff = new Map<string, PresenceUser>();
	for (const [clientId, value] of states) {
		const state = (value ?? {}) as TypingState;
		if (clientId === self || state.typing !== true || !state.user) continue;
		const { id, name, role } = state.user;
		if (role === 'customer') {
			customer = true;
			continue;
		}
		if (id === me) continue;
		shop = true;
		if (typeof id === 'string' && typeof name === 'string') staff.set(id, { id, name });
	}
	return { customer, shop, staff: [...staff.values()] };
}

/**
 * Follows who is typing on `awareness` (calls `onChange` now and on every change) and returns a
 * `typing()` to call on each keystroke (it sets `typing: true`, cleared after `TYPING_IDLE_MS`
 * without another) and `stop()` (on send, and when leaving: stops following too).
 */
export function trackTyping(
	awareness: Awareness,
	me: string,
	onChange: (typing: Typing) => void
): { typing(): void; idle(): void; stop(): void } {
	let timer: ReturnType<typeof setTimeout> | undefined;
	const update = () => onChange(typingIn(awareness.getStates(), awareness.clientID, me));
	const idle = () => {
		clearTimeout(timer);
		timer = undefined;
		if (awareness.getLocalState()?.typing) awareness.setLocalStateField('typing', false);
	};
	awareness.on('change', update);
	update();
	return {
		typing() {
			clearTimeout(timer);
			timer = setTimeout(idle, TYPING_IDLE_MS);
			if (awareness.getLocalState()?.typing !== true) awareness.setLocalStateField('typing', true);
		},
		idle,
		stop() {
			idle();
			awareness.off('change', update);
		}
	};
}
