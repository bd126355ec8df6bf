/** WebSocket close codes the sync server uses (4xxx mirrors HTTP status). */
export const CloseCode = {
	/** No token, a bad one, or the account was disabled: log in again. */
	Unauthorized: 4401,
	/** This account may not open this doc. */
	Forbidden: 4403,
	/** A message the server could not parse. */
	Malformed: 4400,
	/** A message larger than the server accepts. */
	TooLarge: 4413,
	/** The server could not load the doc; transient, the provider retries. */
	Unavailable: 4503
} as const;

export type CloseCode = (typeof CloseCode)[keyof typeof CloseCode];

/** Codes after which reconnecting cannot help (the provider stops retrying on 44xx). */
export function isPermanentClose(code: number): boolean {
	return code >= 4400 && code < 4500;
}
