import { NameTakenError, accountNameKey } from './store.ts';
import type {
	Account,
	AttachmentMeta,
	BroadcastDelivery,
	CustomerLink,
	DocUpdate,
	GroupStore,
	Store,
	StoredDoc,
	StoredGroup
} from './store.ts';

/** A `Store` held in memory, for tests; bytes and accounts are copied in and out. */
export function createMemoryStore(): Store {
	const docs = new Map<string, Uint8Array[]>();
	const accounts = new Map<string, Account>();
	const meta = new Map<string, string>();
	const attachments = new Map<string, AttachmentMeta>();
	const links = new Map<string, CustomerLink>();
	const groups = memoryGroups();
	const broadcasts: BroadcastDelivery[] = [];
	let open = true;
	const live = <A extends unknown[], R>(fn: (...args: A) => R) => {
		return (...args: A): R => {
			if (!open) throw new Error('The store is closed');
			return fn(...args);
		};
	};
	return {
		loadDoc: live((doc: string) => loadDoc(docs, doc)),
		appendUpdates: live((updates: readonly DocUpdate[]) => appendUpdates(docs, updates)),
		compactDoc: live((doc: string, snapshot: Uint8Array, rowsCovered: number) =>
			compactDoc(docs, doc, snapshot, rowsCovered)
		),
		listDocs: live(() => [...docs.keys()].sort()),
		listAccounts: live(() => [...accounts.values()].sort(byCreation).map(copyAccount)),
		getAccount: live((id: string) => maybeCopy(accounts.get(id))),
		findAccountByName: live((name: string) => maybeCopy(findByName(accounts, name))),
		putAccount: live((account: Account) => putAccount(accounts, account)),
		getMeta: live((key: string) => meta.get(key)),
		setMeta: live((key: string, value: string | undefined) => {
			if (value === undefined) meta.delete(key);
			else meta.set(key, value);
		}),
		getAttachment: live((hash: string) => copyAttachment(attachments.get(hash))),
		putAttachment: live((m: Omit<AttachmentMeta, 'scopes'> & { scope: string }) =>
			putAttachment(attachments, m)
		),
		getCustomerLink: live((customerId: string) => {
			const link = links.get(customerId);
			return link && { ...link };
		}),
		putCustomerLink: live((link: CustomerLink) => {
			const { customerId, linkId, createdAt, createdBy } = link;
			links.set(customerId, { customerId, linkId, createdAt, createdBy });
		}),
		deleteCustomerLink: live((customerId: string) => links.delete(customerId)),
		listGroups: live(groups.listGroups),
		getGroup: live(groups.getGroup),
		putGroup: live(groups.putGroup),
		addGroupMembers: live(groups.addGroupMembers),
		removeGroupMember: live(groups.removeGroupMember),
		isGroupMember: live(groups.isGroupMember),
		groupsOf: live(groups.groupsOf),
		recordBroadcasts: live((deliveries: readonly BroadcastDelivery[]) => {
			for (const { customerId, messageId, at, by } of deliveries)
				broadcasts.push({ customerId, messageId, at, by });
		}),
		broadcastTimes: live((customerId: string, since: number) =>
			broadcasts
				.filter((b) => b.customerId === customerId && b.at >= since)
				.map((b) => b.at)
				.sort((a, b) => a - b)
		),
		close: () => {
			open = false;
		}
	};
}

function loadDoc(docs: Map<string, Uint8Array[]>, doc: string): StoredDoc {
	const rows = docs.get(doc) ?? [];
	return { updates: rows.map((row) => row.slice()), rows: rows.length };
}

function appendUpdates(docs: Map<string, Uint8Array[]>, updates: readonly DocUpdate[]): void {
	for (const { doc, update } of updates) {
		const rows = docs.get(doc) ?? [];
		rows.push(update.slice());
		docs.set(doc, rows);
	}
}

function compactDoc(
	docs: Map<string, Uint8Array[]>,
	doc: string,
	snapshot: Uint8Array,
	rowsCovered: number
): void {
	if (!Number.isInteger(rowsCovered) || rowsCovered < 0) {
		throw new RangeError(`rowsCovered must be a whole number, got ${rowsCovered}`);
	}
	if (rowsCovered === 0) return;
	const rows = docs.get(doc) ?? [];
	docs.set(doc, [snapshot.slice(), ...rows.slice(rowsCovered)]);
}

function findByName(accounts: Map<string, Account>, name: string): Account | undefined {
	const key = accountNameKey(name);
	for (const account of accounts.values()) {
		if (accountNameKey(account.name) === key) return account;
	}
	return undefined;
}

function putAccount(accounts: Map<string, Account>, account: Account): void {
	const holder = findByName(accounts, account.name);
	if (holder && holder.id !== account.id) throw new NameTakenError(account.name);
	accounts.set(account.id, copyAccount(account));
}

function copyAccount(account: Account): Account {
	const { id, name, role, pinHash, active, createdAt } = account;
	return { id, name, role, pinHash, active, createdAt };
}

function maybeCopy(account: Account | undefined): Account | undefined {
	return account && copyAccount(account);
}

function byCreation(a: Account, b: Account): number {
	return a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

function putAttachment(
	attachments: Map<string, AttachmentMeta>,
	{ scope, ...meta }: Omit<AttachmentMeta, 'scopes'> & { scope: string }
): boolean {
	const existing = attachments.get(meta.hash);
	if (existing) {
		if (!existing.scopes.includes(scope)) existing.scopes = [...existing.scopes, scope].sort();
		return false;
	}
	attachments.set(meta.hash, { ...meta, scopes: [scope] });
	return true;
}

function copyAttachment(meta: AttachmentMeta | undefined): AttachmentMeta | undefined {
	return meta && { ...meta, scopes: [...meta.scopes] };
}

/** Groups and their members in memory; every read hands out copies. */
function memoryGroups(): GroupStore {
	const groups = new Map<string, StoredGroup>();
	const copy = (g: StoredGroup): StoredGroup => ({ ...g, members: [...g.members] });
	const ordered = () =>
		[...groups.values()].sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
	return {
		listGroups: () => ordered().map(copy),
		getGroup: (id) => {
			const group = groups.get(id);
			return group && copy(group);
		},
		putGroup: ({ id, name, createdAt }) => {
			const existing = groups.get(id);
			if (existing) existing.name = name;
			else groups.set(id, { id, name, createdAt, members: [] });
		},
		addGroupMembers: (groupId, customerIds) => {
			const group = groups.get(groupId);
			if (!group) return [];
			const added = [...new Set(customerIds)].filter((id) => !group.members.includes(id));
			group.members = [...group.members, ...added].sort();
			return added;
		},
		removeGroupMember: (groupId, customerId) => {
			const group = groups.get(groupId);
			if (!group?.members.includes(customerId)) return false;
			group.members = group.members.filter((id) => id !== customerId);
			return true;
		},
		isGroupMember: (groupId, customerId) =>
			groups.get(groupId)?.members.includes(customerId) ?? false,
		groupsOf: (customerId) =>
			ordered()
				.filter((g) => g.members.includes(customerId))
				.map(copy)
	};
}
