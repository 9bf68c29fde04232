/**
 * The booking_ratio baseline: a bare node:http server that answers POST /bookings with one
 * INSERT into bookings (through `postgres`, or PGlite with NOOK_DATA_DIR) and a 201 JSON
 * body, with no framework, session or rules. Each request takes the next free cell of a
 * far-future grid (from BASELINE_FROM), so inserts never conflict.
 *
 *   BASELINE_PORT=… BASELINE_FROM=<ISO> DATABASE_URL=… tsx bench/baseline-server.ts
 */
import http from 'node:http';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { openPglite, rowsOf } from '@/db/client';
import { BENCH_EMAIL_DOMAIN, BENCH_SITE_PREFIX } from './seed';

type Cell = { roomId: string; stationId: string; userId: string; start: Date; end: Date };
type Insert = (c: Cell) => Promise<string>;

const stationsQuery = `select st.id as station_id, st.room_id from stations st join rooms r on r.id = st.room_id join sites s on s.id = r.site_id
  where s.name like '${BENCH_SITE_PREFIX}%' order by s.name, r.name, st.position`;
const peopleQuery = `select id from users where email like '%@${BENCH_EMAIL_DOMAIN}' order by email`;

async function connect(): Promise<{ insert: Insert; stations: { station_id: string; room_id: string }[]; people: { id: string }[] }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    // The app's pool size (db/client.ts openPostgres).
    const pg = postgres(url, { max: 10, onnotice: () => {} });
    const insert: Insert = async (c) => {
      const [row] = await pg<{ id: string }[]>`insert into bookings (room_id, station_id, user_id, start_at, end_at, block_end)
        values (${c.roomId}, ${c.stationId}, ${c.userId}, ${c.start}, ${c.end}, ${c.end}) returning *`;
      return row!.id;
    };
    return { insert, stations: await pg.unsafe(stationsQuery), people: await pg.unsafe(peopleQuery) };
  }
  const dir = process.env.NOOK_DATA_DIR;
  if (!dir) throw new Error('Set DATABASE_URL or NOOK_DATA_DIR');
  const handle = await openPglite(dir);
  const insert: Insert = async (c) => {
    const [row] = rowsOf<{ id: string }>(
      await handle.db.execute(sql`insert into bookings (room_id, station_id, user_id, start_at, end_at, block_end)
        values (${c.roomId}, ${c.stationId}, ${c.userId}, ${c.start.toISOString()}, ${c.end.toISOString()}, ${c.end.toISOString()}) returning *`),
    );
    return row!.id;
  };
  process.once('SIGTERM', () => void handle.close().finally(() => process.exit(0)));
  return {
    insert,
    stations: rowsOf(await handle.db.execute(sql.raw(stationsQuery))),
    people: rowsOf(await handle.db.execute(sql.raw(peopleQuery))),
  };
}

async function main() {
  const port = Number(process.env.BASELINE_PORT);
  const from = new Date(process.env.BASELINE_FROM ?? '');
  if (!port || Number.isNaN(from.getTime())) throw new Error('Set BASELINE_PORT and BASELINE_FROM');
  const { insert, stations, people } = await connect();
  if (stations.length === 0 || people.length < stations.length) throw new Error('Seed the bench data first');
  let next = 0;

  const server = http.createServer((req, res) => {
    if (req.method === 'GET') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        try {
          JSON.parse(Buffer.concat(chunks).toString() || '{}');
          const i = next++;
          const s = stations[i % stations.length]!;
          const start = new Date(from.getTime() + Math.floor(i / stations.length) * 30 * 60_000);
          const end = new Date(start.getTime() + 30 * 60_000);
          // At one instant each station has its own person, so no EXCLUDE constraint fires.
          const cell = { roomId: s.room_id, stationId: s.station_id, userId: people[i % stations.length]!.id, start, end };
          const id = await insert(cell);
          res.writeHead(201, { 'content-type': 'application/json' }).end(JSON.stringify({ id, roomId: cell.roomId, stationId: cell.stationId, start, end }));
        } catch (err) {
          res.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: err instanceof Error ? err.message : String(err) }));
        }
      })();
    });
  });
  server.keepAliveTimeout = 65_000;
  server.listen(port, '127.0.0.1', () => console.log(`baseline listening on ${port}`));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
