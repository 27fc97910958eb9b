/**
 * Distance on the Earth for the proximity search. Each location is stored as a 3-D point (x, y, z in metres on a
 * sphere of the IUGG mean Earth radius) in a PostgreSQL `cube` column with a GiST index: the index orders by
 * straight-line (chord) distance with the KNN operator `<->`, and chord length grows with great-circle distance, so
 * `ORDER BY point <-> centre LIMIT n` is the n nearest by great-circle distance, found by the index. A radius is a
 * chord too (`cube_enlarge` box, refined by `<->`). The sphere is within about 0.5 % of the WGS84 ellipsoid, well
 * inside what "within 5 km" means to someone looking for a service.
 */
export const EARTH_RADIUS_METRES = 6_371_008.8;

const radians = (degrees: number): number => (degrees * Math.PI) / 180;

/** The stored point of a latitude/longitude (degrees). */
export function earthPoint(latitude: number, longitude: number): [number, number, number] {
  const lat = radians(latitude);
  const lon = radians(longitude);
  return [EARTH_RADIUS_METRES * Math.cos(lat) * Math.cos(lon), EARTH_RADIUS_METRES * Math.cos(lat) * Math.sin(lon), EARTH_RADIUS_METRES * Math.sin(lat)];
}

/** The chord (straight line through the Earth) between two points `metres` apart along the surface. */
export function chordOf(metres: number): number {
  return 2 * EARTH_RADIUS_METRES * Math.sin(Math.min(metres, Math.PI * EARTH_RADIUS_METRES) / (2 * EARTH_RADIUS_METRES));
}

/** The distance along the surface of a chord (the inverse of `chordOf`). */
export function surfaceDistanceOf(chord: number): number {
  return 2 * EARTH_RADIUS_METRES * Math.asin(Math.min(1, chord / (2 * EARTH_RADIUS_METRES)));
}

/** The cube literal of a point, for a query parameter (`$1::cube`). */
export function cubeLiteral(point: readonly [number, number, number]): string {
  return `(${point.map((c) => c.toFixed(3)).join(', ')})`;
}
