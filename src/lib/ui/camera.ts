/**
 * Reading QR codes with a tablet's camera through the browser's own `BarcodeDetector`
 * (Chrome and Edge on Android and ChromeOS, Chrome on macOS). Where it is missing there is no
 * decoder here: the page says so and the typed or scanner field stays the way in.
 */

/** Why the camera cannot scan, as the key of the sentence that tells staff what to do. */
export type CameraProblem =
	| 'scan.cameraInsecure'
	| 'scan.cameraUnsupported'
	| 'scan.cameraDenied'
	| 'scan.cameraMissing'
	| 'scan.cameraFailed';

interface DetectedBarcode {
	rawValue: string;
}

/** The part of the BarcodeDetector API used here (not yet in TypeScript's DOM types). */
export interface QrDetector {
	detect(source: HTMLVideoElement): Promise<DetectedBarcode[]>;
}

interface BarcodeDetectorClass {
	new (options: { formats: string[] }): QrDetector;
	getSupportedFormats(): Promise<string[]>;
}

/** A detector for QR codes, or why there is none (camera access is checked separately). */
export async function qrDetector(): Promise<QrDetector | CameraProblem> {
	// Both the camera and BarcodeDetector exist only on HTTPS (or localhost): say that first,
	// since it is the one thing the shop can change.
	if (!globalThis.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
		return 'scan.cameraInsecure';
	}
	const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
	if (!Detector) return 'scan.cameraUnsupported';
	try {
		const formats = await Detector.getSupportedFormats();
		if (!formats.includes('qr_code')) return 'scan.cameraUnsupported';
		return new Detector({ formats: ['qr_code'] });
	} catch {
		return 'scan.cameraUnsupported';
	}
}

/** The back camera (the one facing the gear), or why it cannot be opened. */
export async function openBackCamera(): Promise<MediaStream | CameraProblem> {
	try {
		return await navigator.mediaDevices.getUserMedia({
			video: { facingMode: 'environment' },
			audio: false
		});
	} catch (error) {
		const name = (error as { name?: string }).name;
		if (name === 'NotAllowedError' || name === 'SecurityError') return 'scan.cameraDenied';
		if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'scan.cameraMissing';
		return 'scan.cameraFailed';
	}
}
