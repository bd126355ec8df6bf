/**
 * Tells a barcode scanner from a person at the keyboard. A USB or Bluetooth scanner in keyboard
 * mode "types" what it read a few milliseconds per character and ends with Enter; a person
 * leaves 100 ms or more between keys. So: at least `minLength` characters, each within
 * `maxGapMs` of the one before, then Enter within `maxGapMs` too, is a scan.
 *
 * Pure: feed it each keydown's key and time (`event.timeStamp`); it keeps only the run so far.
 * Modifier keys (Shift for capitals, which scanners send too) neither count nor break a run;
 * any other named key or a shortcut (Ctrl, Alt, Meta held) starts over.
 */

export interface ScanDetectorOptions {
	/** Longest pause between two keys of one scan, ms. Default 50. */
	maxGapMs?: number;
	/** Fewest characters a scan has. Default 4 (`R-12` is the shortest code). */
	minLength?: number;
}

/** The parts of a keydown the detector reads. */
export interface ScanKey {
	key: string;
	/** ms, e.g. `KeyboardEvent.timeStamp`. */
	at: number;
	ctrlKey?: boolean;
	altKey?: boolean;
	metaKey?: boolean;
}

const MODIFIERS = new Set([
	'Shift',
	'CapsLock',
	'Control',
	'Alt',
	'AltGraph',
	'Meta',
	'Unidentified'
]);

export class ScanDetector {
	readonly #maxGapMs: number;
	readonly #minLength: number;
	#chars: string[] = [];
	#lastAt = -Infinity;

	constructor({ maxGapMs = 50, minLength = 4 }: ScanDetectorOptions = {}) {
		this.#maxGapMs = maxGapMs;
		this.#minLength = minLength;
	}

	/** Feeds one keydown; returns the scanned text when this key is the Enter that ends a scan. */
	feed({ key, at, ctrlKey, altKey, metaKey }: ScanKey): string | undefined {
		if (MODIFIERS.has(key)) return undefined;
		if (ctrlKey || altKey || metaKey) {
			this.reset();
			return undefined;
		}
		const quick = at - this.#lastAt <= this.#maxGapMs;
		if (key === 'Enter') {
			const text = this.#chars.join('');
			this.reset();
			return quick && text.length >= this.#minLength ? text : undefined;
		}
		if ([...key].length !== 1) {
			this.reset();
			return undefined;
		}
		if (!quick) this.#chars = [];
		this.#chars.push(key);
		this.#lastAt = at;
		return undefined;
	}

	/** Forgets the run so far (focus moved into a field, the page changed). */
	reset(): void {
		this.#chars = [];
		this.#lastAt = -Infinity;
	}
}
