// Child process for the crash test: checks people in and out through dispatch as fast as
// it can, printing "ACK <kind> <id>" only after dispatch answered ok (i.e. after commit).
import { Core } from '../../electron/core/core';

const [dataDir, file] = process.argv.slice(2);
if (!dataDir || !file) process.exit(2);
const core = new Core({ dataDir, host: 'cli' });
const ws = await core.call('workshop:open', { file });
const reg = await core.call('registry:get', { workshopId: ws.workshopId });
const venue = ws.setup.venues[0];
if (!venue) process.exit(3);
const open = new Map<string, string>();
for (const r of reg.attendance)
  if (r.venueId === venue.id && r.day === venue.date && !r.undoneAt && !r.checkedOutAt)
    open.set(r.participantId, r.id);
process.stdout.write('READY\n');
for (let i = 0; ; i++) {
  const p = reg.participants[i % reg.participants.length];
  if (!p) break;
  const openId = open.get(p.id);
  if (openId) {
    const r = await core.dispatch('attendance:checkOut', { workshopId: ws.workshopId, id: openId });
    if (r.ok) {
      open.delete(p.id);
      process.stdout.write(`ACK out ${openId}\n`);
    }
  } else {
    const r = await core.dispatch('attendance:checkIn', {
      workshopId: ws.workshopId,
      participantId: p.id,
      venueId: venue.id,
      day: venue.date,
      signMethod: 'signature',
      witness: '',
    });
    if (r.ok) {
      const id = (r.value as { value: { id: string } }).value.id;
      open.set(p.id, id);
      process.stdout.write(`ACK in ${id}\n`);
    }
  }
}
