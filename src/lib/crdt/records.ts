/**
 * Editable records (a model, a unit) as one Y.Map each, one key per field:
 * two tablets that change different fields offline both keep their change.
 * A plain nested object (a price card, a maintenance rule) is spread over
 * dotted keys (`rates.daily`) for the same reason; arrays and other values
 * are one key each (last writer wins for that field).
 */
import * as Y from 'yjs';

type Plain = Record<string, unknown>;

function isPlainObject(value: unknown): value is Plain {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Flattens one level of nested plain objects into dotted keys. */
export function flattenRecord(record: Plain): Map<string, unknown> {
	const flat = new Map<string, unknown>();
	for (const [key, value] of Object.entries(record)) {
		if (value === undefined) continue;
		if (isPlainObject(value)) {
			for (const [sub, v] of Object.entries(value))
				if (v !== undefined) flat.set(`${key}.${sub}`, v);
		} else {
			flat.set(key, value);
		}
	}
	return flat;
}

/** Reads a record map back into a plain object (the inverse of flattenRecord). */
export function readRecord(map: Y.Map<unknown>): Plain {
	const record: Plain = {};
	map.forEach((value, key) => {
		const dot = key.indexOf('.');
		if (dot < 0) {
			record[key] = value;
			return;
		}
		const head = key.slice(0, dot);
		const nested = isPlainObject(record[head]) ? (record[head] as Plain) : (record[head] = {});
		(nested as Plain)[key.slice(dot + 1)] = value;
	});
	return record;
}

/**
 * Writes the fields of `patch` that differ from what the map holds. A nested
 * object replaces its sub-fields: keys it no longer has are removed. A key
 * present with the value `undefined` removes that field.
 * Returns whether anything was written. Call inside a transaction.
 */
export function writeRecord(map: Y.Map<unknown>, patch: Plain): boolean {
	let wrote = false;
	for (const [key, value] of Object.entries(patch)) {
		if (value === undefined) {
			// An optional field given as undefined is cleared (e.g. an acquired date removed).
			for (const existing of [...map.keys()]) {
				if (existing === key || existing.startsWith(`${key}.`)) {
					map.delete(existing);
					wrote = true;
				}
			}
			continue;
		}
		if (isPlainObject(value)) {
			for (const existing of [...map.keys()]) {
				if (existing.startsWith(`${key}.`) && !(existing.slice(key.length + 1) in value)) {
					map.delete(existing);
					wrote = true;
				}
			}
		}
		for (const [flatKey, v] of flattenRecord({ [key]: value })) {
			if (!sameValue(map.get(flatKey), v)) {
				map.set(flatKey, v);
				wrote = true;
			}
		}
	}
	return wrote;
}

function sameValue(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	return JSON.stringify(a) === JSON.stringify(b);
}
