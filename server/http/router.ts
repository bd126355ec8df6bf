/** A tiny method + path router: exact segments and `:param` segments. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, sendError, sendJson } from './json.ts';

export interface RouteContext {
	req: IncomingMessage;
	res: ServerResponse;
	params: Record<string, string>;
	url: URL;
}

/** A handler returns the JSON to send with 200 (or `[status, body]`), or handles `res` itself and returns undefined. */
export type Handler = (ctx: RouteContext) => Promise<unknown> | unknown;

interface Route {
	method: string;
	parts: string[];
	handler: Handler;
}

export class Router {
	readonly #routes: Route[] = [];

	on(method: string, path: string, handler: Handler): this {
		this.#routes.push({ method, parts: path.split('/').filter(Boolean), handler });
		return this;
	}

	/** Handles the request if a route matches its path; returns false otherwise. */
	async handle(req: IncomingMessage, res: ServerResponse, url: URL): Promise<boolean> {
		const segments = url.pathname.split('/').filter(Boolean);
		const matches = this.#routes
			.map((route) => ({ route, params: match(route.parts, segments) }))
			.filter((m) => m.params !== null);
		if (matches.length === 0) return false;
		const found = matches.find((m) => m.route.method === req.method);
		if (!found) {
			sendError(res, new ApiError(405, 'method_not_allowed', `${req.method} is not allowed here`));
			return true;
		}
		try {
			const result = await found.route.handler({ req, res, url, params: found.params! });
			if (result === undefined) return true;
			const [status, body] = Array.isArray(result) ? result : [200, result];
			sendJson(res, status, body);
		} catch (error) {
			if (error instanceof ApiError) sendError(res, error);
			else {
				console.error(`${req.method} ${url.pathname} failed`, error);
				sendError(res, new ApiError(500, 'internal', 'Something went wrong on the server'));
			}
		}
		return true;
	}
}

function match(parts: string[], segments: string[]): Record<string, string> | null {
	if (parts.length !== segments.length) return null;
	const params: Record<string, string> = {};
	for (let i = 0; i < parts.length; i++) {
		if (parts[i].startsWith(':')) {
			try {
				params[parts[i].slice(1)] = decodeURIComponent(segments[i]);
			} catch {
				return null;
			}
		} else if (parts[i] !== segments[i]) return null;
	}
	return params;
}
