/**
 * Attachments (gear and damage photos, chat photos, voice notes): which files
 * the shop accepts and how big. Shared by the composer, the outbox and the
 * server, so a file the phone lets through is one the server takes.
 */

/** Largest photo accepted (bytes). Photos are resized on the device first, so this is generous. */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
/** Largest voice note accepted (bytes): several minutes of Opus. */
export const MAX_AUDIO_BYTES = 5 * 1024 * 1024;

export const imageTypes = ['image/jpeg', 'image/png', 'image/webp'] as const;
export const audioTypes = ['audio/webm', 'audio/ogg', 'audio/mp4', 'audio/mpeg'] as const;

export type ImageType = (typeof imageTypes)[number];
export type AudioType = (typeof audioTypes)[number];
export type AttachmentType = ImageType | AudioType;

/** Why an attachment is refused, as the server's error codes name it. */
export type AttachmentRefusal = 'bad_type' | 'too_large' | 'empty';

/** A content hash: SHA-256 of the bytes, lowercase hex. */
export type AttachmentHash = string & { readonly __brand: 'AttachmentHash' };

const hashPattern = /^[0-9a-f]{64}$/;

export function isAttachmentHash(value: unknown): value is AttachmentHash {
	return typeof value === 'string' && hashPattern.test(value);
}

/**
 * The accepted type a Content-Type (or Blob.type) names, without parameters:
 * `audio/webm;codecs=opus` → `audio/webm`; null for anything not accepted.
 */
export function attachmentType(contentType: string | null | undefined): AttachmentType | null {
	const base = (contentType ?? '').split(';')[0].trim().toLowerCase();
	const known: readonly string[] = [...imageTypes, ...audioTypes];
	return known.includes(base) ? (base as AttachmentType) : null;
}

export function isImageType(type: AttachmentType): type is ImageType {
	return (imageTypes as readonly string[]).includes(type);
}

/** The most bytes accepted for this type. */
export function maxBytesFor(type: AttachmentType): number {
	return isImageType(type) ? MAX_IMAGE_BYTES : MAX_AUDIO_BYTES;
}

/** Why a file of this type and size would be refused, or null if it is accepted. */
export function attachmentRefusal(
	contentType: string | null | undefined,
	size: number
): AttachmentRefusal | null {
	const type = attachmentType(contentType);
	if (!type) return 'bad_type';
	if (size <= 0) return 'empty';
	return size > maxBytesFor(type) ? 'too_large' : null;
}
