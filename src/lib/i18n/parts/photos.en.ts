import type { PhotosMessages } from './photos.zh-CN.ts';

/** English messages of photo strips. */
export const photosEn: PhotosMessages = {
	'photos.title': 'Photos',
	'photos.add': '+ Take or pick a photo',
	'photos.adding': 'Working…',
	'photos.alt': 'Photo',
	'photos.remove': 'Remove this photo',
	'photos.waiting': 'Waiting to upload',
	'photos.uploadFailed': 'Upload failed',
	'photos.failed': 'This image could not be read; pick another or take it again.'
};
