import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type YuzuDb } from '../../../../src/lib/local/db.ts';
import { LocalDocs, type LocalDoc } from '../../../../src/lib/local/docs.ts';
import { Inventory } from '../../../../src/lib/state/inventory.svelte.ts';

const NOW = Date.UTC(2026, 2, 5, 4, 0);
const HEADER = '类型,型号,品牌,类别,规格,日租金,押金,赔偿价,编号,购入日期,备注,停用';
const lines = (...rows: string[]) => `\uFEFF${[HEADER, ...rows].join('\r\n')}\r\n`;
const good = lines(
	'型号,光威 远投海竿 3.6米,光威,海竿,长度=3.6米; 节数=4,30,300,380,,,,否',
	'单件,光威 远投海竿 3.6米,光威,,,,,,HG-0001,2024/3/5,第二节有划痕,否',
	'单件,光威 远投海竿 3.6米,光威,,,,,,,,,否'
);

let db: YuzuDb | undefined;
let inventory: Inventory | undefined;

async function open(): Promise<{ inventory: Inventory; handle: LocalDoc }> {
	db = createDb(`yuzu-import-${Math.random()}`);
	const handle = await new LocalDocs(db, () => {}).open('inventory');
	const account = { id: 'acc-wang', name: '老王', role: 'owner' as const };
	inventory = new Inventory(handle, () => account, { now: () => NOW });
	return { inventory, handle };
}

afterEach(async () => {
	inventory?.destroy();
	inventory = undefined;
	await db?.delete();
	db = undefined;
});

describe('Inventory CSV import', () => {
	it('previews without writing, then imports every row in one transaction', async () => {
		const { inventory, handle } = await open();
		const preview = inventory.previewCsv(good);
		expect(preview.canImport).toBe(true);
		expect(inventory.models).toHaveLength(0);

		const origins: unknown[] = [];
		handle.doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));
		expect(await inventory.importCsv(good)).toEqual({ ok: true, models: 1, units: 2 });
		expect(origins).toEqual([{ kind: 'staff', accountId: 'acc-wang', name: '老王' }]);
		const [model] = inventory.models;
		expect(model).toMatchObject({ name: '光威 远投海竿 3.6米', createdAt: NOW });
		expect(model.rates).toEqual({ daily: 3000, deposit: 30_000, replacementValue: 38_000 });
		expect(inventory.units.map((u) => [u.code, u.modelId, u.acquiredOn, u.notes])).toEqual([
			['HG-0001', model.id, '2024-03-05', '第二节有划痕'],
			['HG-0002', model.id, undefined, '']
		]);
	});

	it('imports nothing from a file with one bad row', async () => {
		const { inventory } = await open();
		const bad = lines(
			'型号,光威 远投海竿 3.6米,光威,海竿,,30元,300,380,,,,否',
			'单件,光威 远投海竿 3.6米,光威,,,,,,HG-0001,,,否'
		);
		const result = await inventory.importCsv(bad);
		expect(result.ok).toBe(false);
		if (!result.ok) {
			expect(result.preview.rows[0].errors).toEqual([{ column: 'daily', code: 'bad_price' }]);
		}
		expect(inventory.models).toHaveLength(0);
		expect(inventory.units).toHaveLength(0);
	});

	it('checks again at import: a code taken since the preview stops it', async () => {
		const { inventory } = await open();
		expect(inventory.previewCsv(good).canImport).toBe(true);
		await inventory.importCsv(lines('型号,化氏 鲫鱼竿 3.6米,化氏,手竿,,10,100,180,,,,否'));
		const [other] = inventory.models;
		await inventory.addUnits(other.id, 'HG', 1);
		const result = await inventory.importCsv(good);
		expect(result.ok).toBe(false);
		expect(inventory.units.map((u) => u.code)).toEqual(['HG-0001']);
	});

	it('exports what it imported, readable again', async () => {
		const { inventory } = await open();
		await inventory.importCsv(good);
		const csv = inventory.toCsv('zh');
		expect(csv.startsWith('\uFEFF类型,型号')).toBe(true);
		expect(csv).toContain('HG-0002');
		expect(inventory.toCsv('en').startsWith('\uFEFFtype,model')).toBe(true);
	});
});
