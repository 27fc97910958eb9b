// Proximity search at 100,000 locations: the query `GET /service_at_locations?lat=&lon=` runs (nearest first, a page
// of 10), timed with the GiST index on `locations.point` against a same-run baseline — the same SQL with index scans
// turned off, i.e. a sequential scan that measures every location and sorts. Also the radius form (`proximity`).
// Run: `npm run bench:directory` (it builds first). Uses DATABASE_URL's server when set, otherwise an embedded
// PostgreSQL; a database of its own, dropped afterwards. The rows are written straight into the read-model tables
// (generated points across Great Britain; the same formula as domain/proximity.ts, in SQL) — this measures the read
// query, not the write path. Prints medians and the ratio; nothing is asserted.
import { loadavg } from 'node:os';
import pg from 'pg';
import { withBenchDatabase } from '../../../libs/platform/event-store/bench/bench-database.mjs';
import { openReadModelDataSource } from '../../../libs/platform/read-models/dist/index.js';
import { directoryReadModels } from '../dist/read-models/read-models.js';
import { serviceAtLocationsPageSql, serviceAtLocationsCountSql } from '../dist/shared/directory-search.sql.js';
import { EARTH_RADIUS_METRES } from '../dist/domain/proximity.js';

const LOCATIONS = Number(process.env.BENCH_LOCATIONS ?? 100_000);
const LOCATIONS_PER_SERVICE = 4;
const QUERIES = Number(process.env.BENCH_QUERIES ?? 40);
const PAGE = 10;
const RADIUS_METRES = 5_000;

const progress = (line) => console.log(`  … ${line}`);
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Deterministic centres across Great Britain (a small LCG: the same centres every run). */
function centres(n) {
  let seed = 42;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: n }, () => ({ lat: 50.2 + next() * 8, lon: -5.4 + next() * 7 }));
}

async function seed(client) {
  const services = Math.ceil(LOCATIONS / LOCATIONS_PER_SERVICE);
  await client.query('SELECT setseed(0.42)');
  await client.query(
    `INSERT INTO directory.services (id, organization_id, owner_organisation_id, name, description, status, taxonomy_term_ids, listed_at, modified_at)
     SELECT 'svc-' || g, 'org-' || (g % 500), 'BENCH', 'Service ' || g, 'Generated', 'active', ARRAY[]::text[], now(), now()
       FROM generate_series(1, $1) g`,
    [services],
  );
  await client.query(
    `INSERT INTO directory.locations (id, latitude, longitude)
     SELECT 'loc-' || g, 50.0 + random() * 8.6, -5.7 + random() * 7.4 FROM generate_series(1, $1) g`,
    [LOCATIONS],
  );
  await client.query(
    `UPDATE directory.locations SET point = cube(ARRAY[
        $1 * cos(radians(latitude)) * cos(radians(longitude)),
        $1 * cos(radians(latitude)) * sin(radians(longitude)),
        $1 * sin(radians(latitude))])`,
    [EARTH_RADIUS_METRES],
  );
  await client.query(
    `INSERT INTO directory.service_at_locations (id, service_id, location_id, record)
     SELECT 'sal-' || g, 'svc-' || (1 + (g - 1) / $2), 'loc-' || g, jsonb_build_object('id', 'sal-' || g, 'location_id', 'loc-' || g)
       FROM generate_series(1, $1) g`,
    [LOCATIONS, LOCATIONS_PER_SERVICE],
  );
  await client.query('ANALYZE directory.services; ANALYZE directory.locations; ANALYZE directory.service_at_locations');
}

async function timed(client, queries, { indexed }) {
  const times = [];
  await client.query('BEGIN');
  try {
    if (!indexed) await client.query('SET LOCAL enable_indexscan = off; SET LOCAL enable_bitmapscan = off');
    for (const query of queries) {
      const started = process.hrtime.bigint();
      await client.query(query.sql, query.params);
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  } finally {
    await client.query('ROLLBACK');
  }
  return median(times);
}

async function planOf(client, query) {
  const { rows } = await client.query(`EXPLAIN ${query.sql}`, query.params);
  return rows.map((r) => r['QUERY PLAN']).filter((line) => /Scan|Sort|Limit/.test(line)).slice(0, 3).map((l) => l.trim()).join(' | ');
}

await withBenchDatabase('bench_directory', progress, async (url) => {
  const dataSource = await openReadModelDataSource(directoryReadModels({ DATABASE_URL: url }));
  await dataSource.destroy();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    progress(`writing ${LOCATIONS.toLocaleString('en-GB')} locations, their services and service_at_locations`);
    await seed(client);
    const points = centres(QUERIES);
    const nearest = points.map((c) => serviceAtLocationsPageSql(c, PAGE, 0));
    const within = points.map((c) => serviceAtLocationsPageSql({ ...c, proximity: RADIUS_METRES }, PAGE, 0));
    const counts = points.map((c) => serviceAtLocationsCountSql({ ...c, proximity: RADIUS_METRES }));
    progress(`plan, nearest ${PAGE}: ${await planOf(client, nearest[0])}`);
    // Warm both paths once, then interleave rounds so that load from elsewhere hits both alike.
    await timed(client, nearest.slice(0, 3), { indexed: true });
    await timed(client, nearest.slice(0, 3), { indexed: false });
    const results = { nearest: { index: [], scan: [] }, within: { index: [], scan: [] }, count: { index: [], scan: [] } };
    for (let round = 0; round < 3; round++) {
      results.nearest.index.push(await timed(client, nearest, { indexed: true }));
      results.nearest.scan.push(await timed(client, nearest, { indexed: false }));
      results.within.index.push(await timed(client, within, { indexed: true }));
      results.within.scan.push(await timed(client, within, { indexed: false }));
      results.count.index.push(await timed(client, counts, { indexed: true }));
      results.count.scan.push(await timed(client, counts, { indexed: false }));
    }
    console.log(`\nproximity search over ${LOCATIONS.toLocaleString('en-GB')} locations, ${QUERIES} centres, median of 3 rounds (load ${loadavg()[0].toFixed(2)}):`);
    for (const [name, label] of [['nearest', `nearest ${PAGE}, ORDER BY distance LIMIT ${PAGE}`], ['within', `within ${RADIUS_METRES} m, nearest ${PAGE}`], ['count', `count within ${RADIUS_METRES} m (total_items)`]]) {
      const index = median(results[name].index);
      const scan = median(results[name].scan);
      console.log(`  ${label.padEnd(44)} GiST index ${index.toFixed(2).padStart(8)} ms   sequential scan ${scan.toFixed(2).padStart(8)} ms   scan/index ${(scan / index).toFixed(1)}×`);
    }
  } finally {
    await client.end();
  }
});
