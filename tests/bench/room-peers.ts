/** Child process: the second client of every room in the rooms scenario (see lib/room-side.ts). */
import { serveRequests } from './lib/child.ts';
import { RoomSide } from './lib/room-side.ts';
import type { PeersRequest } from './protocol.ts';

let side: RoomSide | null = null;

async function handle(request: PeersRequest): Promise<unknown> {
	switch (request.type) {
		case 'prepare':
			side?.close();
			side = new RoomSide(request.endpoint, request.rooms, 'b');
			return { rooms: request.rooms.length };
		case 'connect':
			if (side === null) throw new Error('connect before prepare');
			return { doneAt: await side.connect(request.ms) };
		case 'close':
			side?.close();
			side = null;
			return { closed: true };
	}
}

serveRequests((request) => handle(request as PeersRequest));
