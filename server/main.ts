/** `npm run server`: starts the shop on PORT with everything in DATA_DIR. */
import os from 'node:os';
import { createShopServer } from './app.ts';
import { configFromEnv } from './config.ts';

const config = configFromEnv();
const shop = await createShopServer(config, {
	setupCode: process.env.YUZU_SETUP_CODE || undefined
});
const port = await shop.listen();

const lanAddresses = Object.values(os.networkInterfaces())
	.flat()
	.filter((a) => a && a.family === 'IPv4' && !a.internal)
	.map((a) => `http://${a!.address}:${port}`);
console.log(`Yuzu is running: http://localhost:${port}`);
if (config.host === '0.0.0.0' && lanAddresses.length)
	console.log(`Tablets on the shop Wi-Fi: ${lanAddresses.join('  ')}`);
console.log(`Data: ${config.dataDir}`);
const code = shop.accounts.setupCode(process.env.YUZU_SETUP_CODE || undefined);
if (code) {
	console.log('');
	console.log('First run: create the owner account by opening');
	console.log(`  http://localhost:${port}/setup?code=${code}`);
	console.log(`(or open /setup and type the code ${code}; it works once)`);
}
if (!shop.config.appDir) console.log('APP_DIR is empty: serving only /healthz, /api and /sync.');

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.on(signal, () => {
		if (stopping) return;
		stopping = true;
		console.log(`\n${signal}: closing Yuzu…`);
		shop.close().then(
			() => process.exit(0),
			(error) => {
				console.error('Yuzu did not close cleanly', error);
				process.exit(1);
			}
		);
	});
}
