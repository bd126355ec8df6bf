import { describe, expect, it } from 'vitest';
import type { ModelId, UnitId } from '../../../../src/lib/domain/inventory.ts';
import {
	countByModelAndStatus,
	countByStatus,
	emptyStatusCounts,
	unitStatuses
} from '../../../../src/lib/domain/inventory-summary.ts';
import type { UnitStatus } from '../../../../src/lib/domain/unit-status.ts';

const unit = (id: string, modelId: string) => ({ id: id as UnitId, modelId: modelId as ModelId });
const statuses = (entries: [string, UnitStatus][]) =>
	new Map(entries.map(([id, status]) => [id as UnitId, { status }]));

describe('counting units by status', () => {
	it('lists every status once, in stock first', () => {
		expect(unitStatuses[0]).toBe('in-stock');
		expect(new Set(unitStatuses).size).toBe(7);
		expect(Object.values(emptyStatusCounts())).toEqual([0, 0, 0, 0, 0, 0, 0]);
	});

	it('counts a shop with two rods in stock, one in the workshop and one not derived yet', () => {
		const units = [unit('a', 'm1'), unit('b', 'm1'), unit('c', 'm2'), unit('d', 'm2')];
		const derived = statuses([
			['a', 'in-stock'],
			['b', 'in-stock'],
			['c', 'workshop']
		]);
		expect(countByStatus(units, derived)).toEqual({
			...emptyStatusCounts(),
			'in-stock': 2,
			workshop: 1
		});
		const byModel = countByModelAndStatus(units, derived);
		expect(byModel.get('m1' as ModelId)).toEqual({ ...emptyStatusCounts(), 'in-stock': 2 });
		expect(byModel.get('m2' as ModelId)).toEqual({ ...emptyStatusCounts(), workshop: 1 });
		expect(byModel.has('m3' as ModelId)).toBe(false);
	});
});
