import { describe, expect, it } from 'vitest';
import { ScanDetector, type ScanKey } from '../../../../src/lib/ui/scan-detector.ts';

/** Keys typed `gap` ms apart from `start`, each a string key or a full ScanKey minus `at`. */
function typed(keys: (string | Omit<ScanKey, 'at'>)[], gap: number, start = 1_000): ScanKey[] {
	return keys.map((k, i) => ({ ...(typeof k === 'string' ? { key: k } : k), at: start + i * gap }));
}

function feedAll(detector: ScanDetector, keys: ScanKey[]): (string | undefined)[] {
	return keys.map((key) => detector.feed(key));
}

const chars = (text: string) => [...text];

describe('ScanDetector', () => {
	it.each([
		['a scanner at 8 ms a key', 'HG-0012', 8, 'HG-0012'],
		['a slow Bluetooth scanner at 40 ms', 'R-12', 40, 'R-12'],
		['a person at 120 ms a key', 'HG-0012', 120, undefined],
		['a scanner reading too little', 'R12', 8, undefined],
		['one pause of 60 ms', 'HG-0012', 60, undefined]
	])('%s: %s → %s', (_story, text, gap, expected) => {
		const detector = new ScanDetector();
		const results = feedAll(detector, typed([...chars(text), 'Enter'], gap));
		expect(results.at(-1)).toBe(expected);
		expect(results.slice(0, -1).every((r) => r === undefined)).toBe(true);
	});

	it('keeps the Shift a scanner sends before capitals out of the code', () => {
		const keys = typed(['Shift', 'H', 'Shift', 'G', '-', '0', '0', '1', '2', 'Enter'], 5);
		expect(feedAll(new ScanDetector(), keys).at(-1)).toBe('HG-0012');
	});

	it('starts over after a pause: slow typing, then a scan', () => {
		const person = typed(chars('abc'), 200, 0);
		const scan = typed([...chars('XL-0003'), 'Enter'], 6, 2_000);
		expect(feedAll(new ScanDetector(), [...person, ...scan]).at(-1)).toBe('XL-0003');
	});

	it('refuses an Enter that comes long after quick keys', () => {
		const keys = typed(chars('HG-0012'), 5);
		keys.push({ key: 'Enter', at: keys.at(-1)!.at + 500 });
		expect(feedAll(new ScanDetector(), keys).at(-1)).toBeUndefined();
	});

	it.each([
		['a shortcut', { key: 'c', ctrlKey: true }],
		['an arrow key', { key: 'ArrowDown' }],
		['Backspace', { key: 'Backspace' }]
	])('breaks the run on %s', (_name, interruption) => {
		const keys = typed(['H', 'G', interruption, '0', '1', 'Enter'], 5);
		expect(feedAll(new ScanDetector(), keys).at(-1)).toBeUndefined();
	});

	it('forgets the run on reset, and reads the next scan whole', () => {
		const detector = new ScanDetector();
		feedAll(detector, typed(chars('HG-00'), 5, 0));
		detector.reset();
		expect(feedAll(detector, typed(['1', '2', 'Enter'], 5, 30)).at(-1)).toBeUndefined();
		expect(feedAll(detector, typed([...chars('SG-0001'), 'Enter'], 5, 100)).at(-1)).toBe('SG-0001');
	});

	it('takes its limits from the options', () => {
		const detector = new ScanDetector({ maxGapMs: 120, minLength: 2 });
		expect(feedAll(detector, typed(['R', '1', 'Enter'], 100)).at(-1)).toBe('R1');
	});
});
