/** The part of `qrcode` (1.5, CommonJS, no bundled types) the label sheet uses. */
declare module 'qrcode' {
	interface QRCodeToStringOptions {
		type?: 'svg' | 'utf8' | 'terminal';
		/** Quiet zone, in modules. */
		margin?: number;
		errorCorrectionLevel?: 'L' | 'M' | 'Q' | 'H';
		color?: { dark?: string; light?: string };
	}

	const QRCode: {
		/** With a callback the code is made and handed over before `toString` returns. */
		toString(
			text: string,
			options: QRCodeToStringOptions,
			callback: (error: Error | null | undefined, output: string) => void
		): void;
		toString(text: string, options?: QRCodeToStringOptions): Promise<string>;
	};
	export default QRCode;
}
