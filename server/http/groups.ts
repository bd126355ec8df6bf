/**
 * Topic groups under /api (staff and owner only; domain/groups.ts says what a group is).
 *
 * - `POST /api/groups { name }` → 201 `{ group }`: a new group with no members.
 * - `GET /api/groups` → `{ groups }`, each with its member ids, oldest first.
 * - `PATCH /api/groups/:id { name? }` → `{ group }`; the inbox row's title follows.
 * - `POST /api/groups/:id/members { customerIds }` → `{ group, added, unknown }`: customers not in
 *   the ledger are not added (`unknown`); adding a member twice does no harm.
 * - `DELETE /api/groups/:id/members/:customerId` → `{ removed, group }`: the customer's open sockets
 *   on the group's thread are closed (4403) and they can no longer open it.
 *
 * The member list lives in the store, not in a doc, so only this API changes who may open
 * `thread:<groupId>` (policy/docs.ts asks `isMember`).
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import {
	GROUP_ID_PREFIX,
	GROUP_NAME_MAX,
	MAX_CUSTOMERS_PER_REQUEST,
	type Group
} from '../../src/lib/domain/groups.ts';
import type { GroupStore } from '../storage/store.ts';
import type { Peer } from '../sync/hooks.ts';
import { ApiError, bearerToken, readJson, stringField } from './json.ts';
import { Router } from './router.ts';

export interface GroupDeps {
	groups: GroupStore;
	/** The peer a token stands for, or null. */
	authenticate(token: string | null): Peer | null;
	/** Which of these ids are customers in the ledger (read once). */
	knownCustomers(ids: readonly string[]): Promise<Set<string>>;
	/** Closes a customer's sockets on one group's thread (they were removed from it). */
	disconnectMember(customerId: string, groupId: string): void;
	/** A group was renamed: its inbox row takes the new title. */
	groupRenamed?(groupId: string): void;
	now?: () => number;
}

/** Random letters and digits after `g-`: 12 base32 characters, about 60 bits. */
export function newGroupId(): string {
	const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
	const bytes = randomBytes(12);
	return GROUP_ID_PREFIX + [...bytes].map((b) => alphabet[b % 32]).join('');
}

/** The signed-in staff member or owner; customers and strangers are refused. */
export function staffPeer(
	authenticate: (token: string | null) => Peer | null,
	req: IncomingMessage
): Peer {
	const peer = authenticate(bearerToken(req));
	if (!peer) throw new ApiError(401, 'unauthorized', 'Log in again: this session is not valid');
	if (peer.role === 'customer')
		throw new ApiError(403, 'staff_only', 'Only the shop’s staff can do this');
	return peer;
}

/** A list of customer ids from a request body: 1 to `MAX_CUSTOMERS_PER_REQUEST`, deduplicated. */
export function customerIdsField(body: Record<string, unknown>): string[] {
	const value = body.customerIds;
	const ok =
		Array.isArray(value) &&
		value.length > 0 &&
		value.length <= MAX_CUSTOMERS_PER_REQUEST &&
		value.every((id) => typeof id === 'string' && /^[A-Za-z0-9_-]{1,64}$/.test(id));
	if (!ok)
		throw new ApiError(
			400,
			'bad_input',
			`"customerIds" must list 1–${MAX_CUSTOMERS_PER_REQUEST} customer ids`
		);
	return [...new Set(value as string[])];
}

export function groupRouter(deps: GroupDeps): Router {
	const now = deps.now ?? Date.now;
	const staffOf = (req: IncomingMessage) => staffPeer(deps.authenticate, req);
	const groupOf = (id: string): Group => {
		const group = deps.groups.getGroup(id);
		if (!group) throw new ApiError(404, 'no_group', 'No such group: it may have been removed');
		return group;
	};
	return new Router()
		.on('GET', '/api/groups', ({ req }) => {
			staffOf(req);
			return { groups: deps.groups.listGroups() };
		})
		.on('POST', '/api/groups', async ({ req }) => {
			staffOf(req);
			const name = stringField(await readJson(req), 'name', GROUP_NAME_MAX);
			const id = newGroupId();
			deps.groups.putGroup({ id, name, createdAt: now() });
			return [201, { group: groupOf(id) }];
		})
		.on('PATCH', '/api/groups/:id', async ({ req, params }) => {
			staffOf(req);
			const body = await readJson(req);
			const group = groupOf(params.id);
			if (body.name !== undefined) {
				const name = stringField(body, 'name', GROUP_NAME_MAX);
				if (name !== group.name) {
					deps.groups.putGroup({ id: group.id, name, createdAt: group.createdAt });
					deps.groupRenamed?.(group.id);
				}
			}
			return { group: groupOf(params.id) };
		})
		.on('POST', '/api/groups/:id/members', async ({ req, params }) => {
			staffOf(req);
			const ids = customerIdsField(await readJson(req));
			groupOf(params.id);
			const known = await deps.knownCustomers(ids);
			const added = deps.groups.addGroupMembers(
				params.id,
				ids.filter((id) => known.has(id))
			);
			const unknown = ids.filter((id) => !known.has(id));
			return { group: groupOf(params.id), added, unknown };
		})
		.on('DELETE', '/api/groups/:id/members/:customerId', ({ req, params }) => {
			staffOf(req);
			groupOf(params.id);
			const removed = deps.groups.removeGroupMember(params.id, params.customerId);
			// Closed even if the store says they were not one: nobody outside keeps a socket open.
			deps.disconnectMember(params.customerId, params.id);
			return { removed, group: groupOf(params.id) };
		});
}
