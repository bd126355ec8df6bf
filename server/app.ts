/**
 * The shop server: one HTTP server on one port for the app, /healthz, /api
 * and /sync. Everything it owns is created here and passed down, so two
 * shops can run in one test process.
 */
import { existsSync, mkdirSync } from 'node:fs';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as Y from 'yjs';
import { Accounts, type PublicAccount } from './auth/accounts.ts';
import { CustomerLinks } from './auth/links.ts';
import { loadOrCreateSecret } from './auth/secret.ts';
import { TokenSigner } from './auth/tokens.ts';
import type { Config } from './config.ts';
import { apiRouter } from './http/api.ts';
import { attachmentRouter } from './http/attachments.ts';
import { broadcastRouter } from './http/broadcasts.ts';
import { groupRouter } from './http/groups.ts';
import { createDerivations, type Derivations } from './derive/index.ts';
import { demoRouter } from './http/demo.ts';
import { ApiError, bearerToken, sendError, sendJson } from './http/json.ts';
import { linkRouter, revokedLinkError } from './http/links.ts';
import { LEDGER_DOC, ledgerKeys } from '../src/lib/crdt/ledger.ts';
import { postMessage, threadDocName } from '../src/lib/crdt/thread.ts';
import { readShopProfile, SETTINGS_DOC } from '../src/lib/crdt/settings.ts';
import { accessFor } from './policy/docs.ts';
import { CustomerPolicy, customerPresence, presenceForCustomer } from './policy/customer.ts';
import { AttachmentStore } from './storage/attachment-store.ts';
import { openSqliteStore } from './storage/sqlite-store.ts';
import type { Store } from './storage/store.ts';
import type { SyncHooks } from './sync/hooks.ts';
import { DocRegistry, serverOrigin } from './sync/registry.ts';
import { SyncServer } from './sync/sync-server.ts';

type NodeHandler = (req: IncomingMessage, res: ServerResponse, next: () => void) => void;

export interface ShopServer {
	readonly config: Config;
	readonly store: Store;
	readonly accounts: Accounts;
	readonly registry: DocRegistry;
	readonly sync: SyncServer;
	/** The inbox and portals the server derives (tests wait on `derived.idle()`). */
	readonly derived: Derivations;
	readonly http: http.Server;
	/** Listens on config.port (0 picks a free one); resolves to the port. */
	listen(): Promise<number>;
	/** Stops accepting, closes sockets, flushes and closes the store. */
	close(): Promise<void>;
}

export interface ShopServerOptions {
	/** A store to use instead of `<dataDir>/yuzu.sqlite` (tests use the memory store). */
	store?: Store;
	log?: (message: string, error?: unknown) => void;
	/** Preset first-run setup code (env YUZU_SETUP_CODE), for scripted installs and tests. */
	setupCode?: string;
}

const startedAt = Date.now();

export async function createShopServer(
	config: Config,
	options: ShopServerOptions = {}
): Promise<ShopServer> {
	mkdirSync(config.dataDir, { recursive: true });
	const log = options.log ?? ((m: string, e?: unknown) => console.error(`[yuzu] ${m}`, e ?? ''));
	const store = options.store ?? openSqliteStore(path.join(config.dataDir, 'yuzu.sqlite'));
	const signer = new TokenSigner(loadOrCreateSecret(config.dataDir));
	const accounts = new Accounts(store, signer);
	accounts.setupCode(options.setupCode);

	// Owns the customers' rate limit and what their accepted updates left queued.
	const customers = new CustomerPolicy();
	const hooks: SyncHooks = {
		authenticate: (token) => accounts.authenticate(token),
		// A group's members (kept in the store) open its thread like their own.
		access: (peer, docName) =>
			accessFor(peer, docName, (customerId, threadId) => store.isGroupMember(threadId, customerId)),
		checkGuardedUpdate: (ctx) => customers.check(ctx),
		filterAwareness: (peer, state) => customerPresence(peer.id, state),
		awarenessForGuarded: (peer, state) => presenceForCustomer(peer.id, state),
		afterApply: (name, doc) => derived.afterApply(name, doc)
	};
	const registry = new DocRegistry(store, {
		unloadAfterMs: config.unloadAfterMs,
		compactAfterRows: config.compactAfterRows,
		afterApply: hooks.afterApply,
		log
	});
	// The inbox and the customers' portals, derived from what the sync core applies.
	const derived = createDerivations({
		docs: {
			read: (name, fn) => registry.read(name, fn),
			write: (name, fn) => registry.write(name, fn),
			listDocs: () => store.listDocs()
		},
		groupName: (threadId) => store.getGroup(threadId)?.name ?? null,
		log
	});
	derived.rebuild();
	const sync = new SyncServer({
		registry,
		hooks,
		maxMessageBytes: config.maxMessageBytes,
		pingIntervalMs: config.pingIntervalMs,
		log
	});
	const publishStaff = (list: PublicAccount[]) =>
		registry.write('settings', (doc) => {
			const staff = doc.getMap('staff');
			for (const a of list) staff.set(a.id, { name: a.name, role: a.role, active: a.active });
		});
	const api = apiRouter({
		accounts,
		publishStaff,
		disconnectAccount: (id) => sync.disconnectPeer(id),
		timeZone: config.timeZone
	});
	const links = linkRouter({
		links: new CustomerLinks(store, signer),
		verify: (token) => accounts.verify(token),
		customerExists: (id) => registry.read(LEDGER_DOC, (doc) => hasCustomer(doc, id)),
		shopProfile: () => registry.read(SETTINGS_DOC, readShopProfile),
		disconnectCustomer: (id) => sync.disconnectPeer(id),
		customerLinked: (id) => derived.customerLinked(id),
		groupsOf: (id) => store.groupsOf(id)
	});
	const knownCustomers = (ids: readonly string[]) =>
		registry.read(LEDGER_DOC, (doc) => new Set(ids.filter((id) => hasCustomer(doc, id))));
	const groups = groupRouter({
		groups: store,
		authenticate: (token) => accounts.authenticate(token),
		knownCustomers,
		disconnectMember: (customerId, groupId) =>
			sync.disconnectPeerFrom(customerId, threadDocName(groupId)),
		groupRenamed: (groupId) => derived.retitle(groupId)
	});
	const broadcasts = broadcastRouter({
		broadcasts: store,
		authenticate: (token) => accounts.authenticate(token),
		knownCustomers,
		postToCustomer: (customerId, message) =>
			registry.write(threadDocName(customerId), (doc) => {
				postMessage(doc, message, serverOrigin);
			}),
		log
	});
	const attachments = attachmentRouter({
		attachments: new AttachmentStore(path.join(config.dataDir, 'attachments'), store),
		authenticate: (token) => accounts.authenticate(token),
		access: (peer, docName) => hooks.access(peer, docName)
	});
	const demo = demoRouter({
		authenticate: (token) => accounts.authenticate(token),
		registry,
		timeZone: config.timeZone
	});
	const app = await loadAppHandler(config.appDir);

	const server = http.createServer(async (req, res) => {
		const url = new URL(req.url ?? '/', 'http://localhost');
		if (url.pathname === '/healthz') {
			sendJson(res, 200, {
				ok: true,
				uptimeMs: Date.now() - startedAt,
				docsInMemory: registry.size,
				sockets: sync.connectionCount
			});
			return;
		}
		if (url.pathname.startsWith('/api/')) {
			const revoked = revokedLinkError(
				accounts.verify(bearerToken(req) ?? url.searchParams.get('token'))
			);
			if (revoked) return sendError(res, revoked);
			const handled =
				(await api.handle(req, res, url)) ||
				(await links.handle(req, res, url)) ||
				(await groups.handle(req, res, url)) ||
				(await broadcasts.handle(req, res, url)) ||
				(await attachments.handle(req, res, url)) ||
				(await demo.handle(req, res, url));
			if (!handled) sendError(res, new ApiError(404, 'not_found', 'No such API route'));
			return;
		}
		if (app)
			return app(req, res, () => sendError(res, new ApiError(404, 'not_found', 'Not found')));
		sendError(res, new ApiError(404, 'not_found', 'The app is not built: run `npm run build`'));
	});
	server.on('upgrade', (req, socket, head) => {
		if (!sync.handleUpgrade(req, socket, head)) socket.destroy();
	});

	let closing: Promise<void> | null = null;
	return {
		config,
		store,
		accounts,
		registry,
		sync,
		derived,
		http: server,
		listen: () =>
			new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(config.port, config.host, () => {
					const address = server.address();
					resolve(typeof address === 'object' && address ? address.port : config.port);
				});
			}),
		close: () =>
			(closing ??= (async () => {
				sync.close();
				await new Promise<void>((resolve) => {
					server.close(() => resolve());
					server.closeAllConnections();
				});
				await derived.close();
				registry.closeAll();
				store.close();
			})())
	};
}

/** Whether the ledger holds a customer with this id (without reading the whole ledger). */
function hasCustomer(doc: Y.Doc, customerId: string): boolean {
	return doc.getMap(ledgerKeys.customers).get(customerId) instanceof Y.Map;
}

/** adapter-node's handler (static files, prerendered pages, the SPA shell). */
async function loadAppHandler(appDir: string | null): Promise<NodeHandler | null> {
	if (!appDir) return null;
	const file = path.join(appDir, 'handler.js');
	if (!existsSync(file)) return null;
	const module = (await import(pathToFileURL(file).href)) as { handler: NodeHandler };
	return module.handler;
}
