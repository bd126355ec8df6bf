/** Files in and out of the import page: reading a chosen CSV, saving one for Excel. */
import { decodeCsvBytes } from '$lib/domain/inventory-csv.ts';

/** Largest file read: a shop's whole inventory is a few hundred kilobytes. */
export const MAX_CSV_MB = 5;

/** Why a chosen file was not read. */
export type CsvFileProblem = 'notCsv' | 'tooBig' | 'unreadable';

/** Excel on Windows reports a .csv as `application/vnd.ms-excel`; others as text/csv or nothing. */
function looksLikeCsv(file: File): boolean {
	return /\.csv$/i.test(file.name) || file.type === 'text/csv';
}

/** A chosen or dropped file's text: UTF-8 with or without BOM, or GB18030 as old Excel saves. */
export async function readCsvFile(
	file: File
): Promise<{ text: string } | { problem: CsvFileProblem }> {
	if (!looksLikeCsv(file)) return { problem: 'notCsv' };
	if (file.size > MAX_CSV_MB * 1024 * 1024) return { problem: 'tooBig' };
	try {
		return { text: decodeCsvBytes(new Uint8Array(await file.arrayBuffer())) };
	} catch {
		return { problem: 'unreadable' };
	}
}

/** `yuzu-inventory-2026-03-05.csv` for the shop's date `YYYY-MM-DD`. */
export function exportFileName(shopDate: string): string {
	return `yuzu-inventory-${shopDate}.csv`;
}

/** Hands `text` to the browser as a download named `name` (the text carries its own BOM). */
export function downloadCsv(name: string, text: string): void {
	const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	link.rel = 'noopener';
	document.body.append(link);
	link.click();
	link.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
