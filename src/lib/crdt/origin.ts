/**
 * Who made a change. Every local write is `doc.transact(fn, origin)` with one of
 * these, so observers (and the sync layer) can tell people's edits apart from
 * updates that arrived from storage or the network.
 */
export interface WriteOrigin {
	readonly kind: 'staff';
	readonly accountId: string;
	readonly name: string;
}

export function staffOrigin(accountId: string, name: string): WriteOrigin {
	return { kind: 'staff', accountId, name };
}

export function isWriteOrigin(origin: unknown): origin is WriteOrigin {
	return (
		typeof origin === 'object' &&
		origin !== null &&
		(origin as { kind?: unknown }).kind === 'staff' &&
		typeof (origin as { accountId?: unknown }).accountId === 'string'
	);
}
