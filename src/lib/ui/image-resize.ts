/**
 * Photos are resized on the device before they are saved: a phone's 12 MP photo becomes a
 * JPEG of at most 1600 px on its long edge (a few hundred KB over rural data instead of
 * several MB), plus a 320 px thumbnail for lists and chat bubbles. The server never touches
 * the pixels: both are uploaded as attachments of their own, and a message names both hashes.
 *
 * Re-encoding also drops the photo's EXIF data (GPS position included); the orientation it
 * recorded is applied to the pixels first, so nothing comes out sideways.
 */

/** Long edge of the photo that is kept and sent. */
export const PHOTO_MAX_EDGE = 1600;
/** Long edge of the thumbnail shown in lists and chat. */
export const THUMB_MAX_EDGE = 320;
/** JPEG quality: small files, no visible blocks in gear or damage photos. */
export const JPEG_QUALITY = 0.82;

export interface ResizedImage {
	blob: Blob;
	width: number;
	height: number;
}

export interface PreparedPhoto {
	photo: ResizedImage;
	thumb: ResizedImage;
}

type Canvas = OffscreenCanvas | HTMLCanvasElement;
type Source = ImageBitmap | HTMLImageElement | Canvas;

/** Decodes `file` once and makes the photo and its thumbnail from it. */
export async function preparePhoto(file: Blob): Promise<PreparedPhoto> {
	const image = await decode(file);
	try {
		const photoCanvas = drawScaled(image.source, image.width, image.height, PHOTO_MAX_EDGE);
		// The thumbnail comes from the 1600 px copy: two smaller steps alias less than one big one.
		const thumbCanvas = drawScaled(
			photoCanvas,
			photoCanvas.width,
			photoCanvas.height,
			THUMB_MAX_EDGE
		);
		const [photo, thumb] = await Promise.all([toJpeg(photoCanvas), toJpeg(thumbCanvas)]);
		return { photo, thumb };
	} finally {
		image.close();
	}
}

/** One resized JPEG of at most `maxEdge` px on its long edge (never enlarged). */
export async function resizeImage(
	file: Blob,
	maxEdge: number = PHOTO_MAX_EDGE,
	quality: number = JPEG_QUALITY
): Promise<ResizedImage> {
	const image = await decode(file);
	try {
		return await toJpeg(drawScaled(image.source, image.width, image.height, maxEdge), quality);
	} finally {
		image.close();
	}
}

interface Decoded {
	source: Source;
	width: number;
	height: number;
	close(): void;
}

async function decode(file: Blob): Promise<Decoded> {
	if (typeof createImageBitmap === 'function') {
		try {
			const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
			return {
				source: bitmap,
				width: bitmap.width,
				height: bitmap.height,
				close: () => bitmap.close()
			};
		} catch (error) {
			if (typeof document === 'undefined') throw error;
			// Older Safari refuses the options bag; an <img> applies EXIF orientation by itself.
		}
	}
	return decodeWithImage(file);
}

async function decodeWithImage(file: Blob): Promise<Decoded> {
	const url = URL.createObjectURL(file);
	try {
		const img = new Image();
		img.decoding = 'async';
		img.src = url;
		await img.decode();
		return { source: img, width: img.naturalWidth, height: img.naturalHeight, close: () => {} };
	} finally {
		URL.revokeObjectURL(url);
	}
}

function drawScaled(source: Source, width: number, height: number, maxEdge: number): Canvas {
	const scale = Math.min(1, maxEdge / Math.max(width, height));
	const w = Math.max(1, Math.round(width * scale));
	const h = Math.max(1, Math.round(height * scale));
	const canvas = createCanvas(w, h);
	const context = canvas.getContext('2d') as
		OffscreenCanvasRenderingContext2D | CanvasRenderingContext2D | null;
	if (!context) throw new Error('This browser cannot draw images: update it to send photos');
	// JPEG has no transparency: a PNG's clear parts turn white, not black.
	context.fillStyle = '#fff';
	context.fillRect(0, 0, w, h);
	context.imageSmoothingEnabled = true;
	context.imageSmoothingQuality = 'high';
	context.drawImage(source, 0, 0, w, h);
	return canvas;
}

function createCanvas(width: number, height: number): Canvas {
	if (typeof OffscreenCanvas !== 'undefined') return new OffscreenCanvas(width, height);
	const canvas = document.createElement('canvas');
	canvas.width = width;
	canvas.height = height;
	return canvas;
}

async function toJpeg(canvas: Canvas, quality: number = JPEG_QUALITY): Promise<ResizedImage> {
	const { width, height } = canvas;
	if ('convertToBlob' in canvas) {
		return { blob: await canvas.convertToBlob({ type: 'image/jpeg', quality }), width, height };
	}
	const blob = await new Promise<Blob | null>((resolve) =>
		canvas.toBlob(resolve, 'image/jpeg', quality)
	);
	if (!blob) throw new Error('The photo could not be encoded: try another photo');
	return { blob, width, height };
}
