/**
 * `npm run --silent token -- <owner|staff|customer> [id]`: prints one signed token for
 * scripts and tests, using the secret in DATA_DIR exactly as the server would.
 */
import { configFromEnv } from './config.ts';
import { loadOrCreateSecret } from './auth/secret.ts';
import { TokenSigner } from './auth/tokens.ts';
import type { Claims } from './auth/types.ts';
import type { Role } from './storage/store.ts';

/** Exit code for wrong arguments, as in most Unix tools. */
const EXIT_USAGE = 2;
const USAGE =
	'usage: npm run --silent token -- <owner|staff|customer> [id]  (a customer needs an id)';
const ROLES: readonly string[] = ['owner', 'staff', 'customer'];

/** The claims the arguments ask for, or null when they make no sense. */
function claimsFor(args: readonly string[], now: number): Claims | null {
	const [role, id] = args;
	if (args.length < 1 || args.length > 2 || !ROLES.includes(role)) return null;
	if (id === '' || (role === 'customer' && id === undefined)) return null;
	return { role: role as Role, sub: id ?? `cli-${role}`, iat: now };
}

function main(args: readonly string[]): number {
	const claims = claimsFor(args, Date.now());
	if (!claims) {
		process.stderr.write(`${USAGE}\n`);
		return EXIT_USAGE;
	}
	const signer = new TokenSigner(loadOrCreateSecret(configFromEnv().dataDir));
	process.stdout.write(`${signer.sign(claims)}\n`);
	return 0;
}

process.exitCode = main(process.argv.slice(2));
