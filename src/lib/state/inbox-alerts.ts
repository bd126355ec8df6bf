/**
 * Telling staff a customer wrote: a short beep (WebAudio, no sound file to cache) and, when this
 * browser allows it, a system notification, so a tablet in a drawer or a backgrounded tab still
 * hears about it. Both are best effort: a browser that refuses sound or notifications loses
 * nothing but the alert (the unread counts stay).
 */

export type NotificationPermissionState = NotificationPermission | 'unsupported';

/** Two short rising tones, quiet enough for a shop counter; one audio context per page. */
export class Beeper {
	#audio: AudioContext | null = null;

	beep(): void {
		try {
			const Context = globalThis.AudioContext;
			if (!Context) return;
			const context = (this.#audio ??= new Context());
			if (context.state === 'suspended') void context.resume();
			const start = context.currentTime;
			[880, 1175].forEach((frequency, i) => {
				const tone = context.createOscillator();
				const gain = context.createGain();
				const at = start + i * 0.16;
				tone.type = 'sine';
				tone.frequency.value = frequency;
				gain.gain.setValueAtTime(0.0001, at);
				gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
				gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.14);
				tone.connect(gain).connect(context.destination);
				tone.start(at);
				tone.stop(at + 0.15);
			});
		} catch {
			// No sound on this device: the badge still shows.
		}
	}

	close(): void {
		void this.#audio?.close().catch(() => {});
		this.#audio = null;
	}
}

export function notificationPermission(): NotificationPermissionState {
	return typeof Notification === 'undefined' ? 'unsupported' : Notification.permission;
}

/** Asks for permission to notify (must run from a tap); resolves with the answer. */
export async function askNotificationPermission(): Promise<NotificationPermissionState> {
	if (typeof Notification === 'undefined') return 'unsupported';
	try {
		return await Notification.requestPermission();
	} catch {
		return Notification.permission;
	}
}

/** Shows a system notification if allowed; a tap brings the app forward and calls `onOpen`. */
export function notify(title: string, body: string, tag: string, onOpen: () => void): void {
	if (notificationPermission() !== 'granted') return;
	try {
		const notification = new Notification(title, { body, tag });
		notification.onclick = () => {
			globalThis.focus?.();
			onOpen();
			notification.close();
		};
	} catch {
		// Some browsers only notify from a service worker; the beep and the badge remain.
	}
}
