/**
 * Topic groups and broadcasts for the staff page /inbox/groups.
 *
 * - `GroupsAdmin`: the groups and their members as the server keeps them (the API, not a doc:
 *   the member list decides who may open a group's thread, so only the server changes it).
 * - `GroupThread`: one group's conversation, `thread:<groupId>`, opened through the workspace
 *   like any doc (kept on this tablet, synced while held); staff post announcements into it.
 */
import type { ApiClient } from '../api/client.ts';
import { staffOrigin } from '../crdt/origin.ts';
import { observeThread, postMessage, readThread, threadDocName } from '../crdt/thread.ts';
import type { BroadcastResult, Group } from '../domain/groups.ts';
import type { StaffAccount } from '../domain/staff.ts';
import { messageLimits, threadView, type Message, type ThreadItem } from '../domain/thread.ts';
import type { LocalDoc } from '../local/docs.ts';

export class GroupsAdmin {
	readonly #api: ApiClient;
	#groups = $state<Group[]>([]);
	#loaded = $state(false);

	constructor(api: ApiClient) {
		this.#api = api;
	}

	/** Every group, oldest first; empty until `load()` answers. */
	get groups(): readonly Group[] {
		return this.#groups;
	}

	/** Whether the server has answered since the page opened. */
	get loaded(): boolean {
		return this.#loaded;
	}

	byId(id: string | null): Group | null {
		return this.#groups.find((g) => g.id === id) ?? null;
	}

	/** Reads the groups from the server; rejects with an ApiError (offline: `network`). */
	async load(): Promise<void> {
		const { groups } = await this.#api.listGroups();
		this.#groups = groups;
		this.#loaded = true;
	}

	async create(name: string): Promise<Group> {
		const { group } = await this.#api.createGroup(name.trim());
		this.#put(group);
		return group;
	}

	async rename(id: string, name: string): Promise<Group> {
		const { group } = await this.#api.renameGroup(id, name.trim());
		this.#put(group);
		return group;
	}

	/** Adds customers; returns the ids the server's ledger does not hold yet (not added). */
	async addMembers(id: string, customerIds: string[]): Promise<string[]> {
		const { group, unknown } = await this.#api.addGroupMembers(id, customerIds);
		this.#put(group);
		return unknown;
	}

	async removeMember(id: string, customerId: string): Promise<void> {
		const { group } = await this.#api.removeGroupMember(id, customerId);
		this.#put(group);
	}

	broadcast(text: string, customerIds: string[]): Promise<BroadcastResult> {
		return this.#api.broadcast(text.trim(), customerIds);
	}

	#put(group: Group): void {
		const known = this.#groups.some((g) => g.id === group.id);
		this.#groups = known
			? this.#groups.map((g) => (g.id === group.id ? group : g))
			: [...this.#groups, group];
	}
}

/** One group's conversation, followed while the handle is held; `destroy()` releases it. */
export class GroupThread {
	readonly #handle: LocalDoc;
	readonly #account: () => StaffAccount;
	readonly #stop: () => void;
	#messages = $state.raw<Message[]>([]);
	#items = $derived(threadView(this.#messages));

	constructor(handle: LocalDoc, account: () => StaffAccount) {
		this.#handle = handle;
		this.#account = account;
		this.#messages = readThread(handle.doc).messages;
		this.#stop = observeThread(handle.doc, (thread) => (this.#messages = thread.messages));
	}

	/** Opens `thread:<groupId>` through the workspace (loaded from this tablet first). */
	static async open(
		open: (name: string) => Promise<LocalDoc>,
		groupId: string,
		account: () => StaffAccount
	): Promise<GroupThread> {
		return new GroupThread(await open(threadDocName(groupId)), account);
	}

	/** The bubbles in order, edits and retractions folded in. */
	get items(): readonly ThreadItem[] {
		return this.#items;
	}

	/** Posts an announcement as the signed-in staff member; works offline (sent when online). */
	post(text: string): void {
		const trimmed = text.trim();
		if (trimmed === '') return;
		if ([...trimmed].length > messageLimits.textChars)
			throw new RangeError(`longer than ${messageLimits.textChars} characters`);
		const { id, name } = this.#account();
		const message: Message = {
			id: crypto.randomUUID(),
			from: { role: 'staff', id },
			at: Date.now(),
			kind: 'text',
			text: trimmed
		};
		postMessage(this.#handle.doc, message, staffOrigin(id, name));
	}

	destroy(): void {
		this.#stop();
		this.#handle.release();
	}
}
