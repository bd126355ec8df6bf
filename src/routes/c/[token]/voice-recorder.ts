/**
 * One voice note from the microphone with `MediaRecorder`: start on press, stop on release.
 * Opus in WebM where the browser records it (Chrome, Firefox, Android), else MP4 (Safari).
 */
import { messageLimits } from '$lib/domain/thread.ts';

/** Shorter than this is a slip of the finger, not a voice note. */
export const MIN_VOICE_MS = 700;
const TYPES = ['audio/webm;codecs=opus', 'audio/webm', 'audio/mp4', 'audio/ogg;codecs=opus'];

export type RecordingFailure = 'unsupported' | 'denied';

export interface VoiceNote {
	blob: Blob;
	durationMs: number;
}

export function canRecord(): boolean {
	return (
		typeof MediaRecorder !== 'undefined' &&
		typeof navigator.mediaDevices?.getUserMedia === 'function'
	);
}

export class VoiceRecorder {
	#stream: MediaStream | null = null;
	#recorder: MediaRecorder | null = null;
	#chunks: Blob[] = [];
	#startedAt = 0;
	#ended = false;
	readonly #now: () => number;

	constructor(now: () => number = () => performance.now()) {
		this.#now = now;
	}

	/** Time recorded so far, ms. */
	get elapsedMs(): number {
		return this.#recorder ? this.#now() - this.#startedAt : 0;
	}

	/** Asks for the microphone and starts; rejects with a RecordingFailure. */
	async start(): Promise<void> {
		if (!canRecord()) throw 'unsupported' satisfies RecordingFailure;
		let stream: MediaStream;
		try {
			stream = await navigator.mediaDevices.getUserMedia({ audio: true });
		} catch {
			throw 'denied' satisfies RecordingFailure;
		}
		// Released while the permission prompt was open: nothing to record.
		if (this.#ended) return stopTracks(stream);
		const mimeType = TYPES.find((type) => MediaRecorder.isTypeSupported(type));
		const recorder = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
		recorder.ondataavailable = (event) => {
			if (event.data.size > 0) this.#chunks.push(event.data);
		};
		this.#stream = stream;
		this.#recorder = recorder;
		this.#startedAt = this.#now();
		recorder.start();
	}

	/** Stops; resolves with the note, or null when there is none (too short, never started). */
	stop(): Promise<VoiceNote | null> {
		this.#ended = true;
		const recorder = this.#recorder;
		if (!recorder || recorder.state === 'inactive') {
			this.#release();
			return Promise.resolve(null);
		}
		const durationMs = Math.min(this.elapsedMs, messageLimits.voiceMs);
		return new Promise((resolve) => {
			recorder.onstop = () => {
				const type = (recorder.mimeType || this.#chunks[0]?.type || 'audio/webm').split(';')[0];
				const blob = new Blob(this.#chunks, { type });
				this.#release();
				resolve(durationMs >= MIN_VOICE_MS && blob.size > 0 ? { blob, durationMs } : null);
			};
			recorder.stop();
		});
	}

	#release(): void {
		if (this.#stream) stopTracks(this.#stream);
		this.#stream = null;
		this.#recorder = null;
	}
}

function stopTracks(stream: MediaStream): void {
	for (const track of stream.getTracks()) track.stop();
}
