import { chordOf, EARTH_RADIUS_METRES, earthPoint, surfaceDistanceOf } from './proximity';

const chordBetween = (a: [number, number, number], b: [number, number, number]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);

describe('distances on the Earth', () => {
  it('puts every point on the sphere', () => {
    expect(Math.hypot(...earthPoint(50.26, -5.05))).toBeCloseTo(EARTH_RADIUS_METRES, 3);
  });

  it('measures Truro to Penzance as about 38 km along the surface (haversine on the same sphere)', () => {
    const chord = chordBetween(earthPoint(50.2632, -5.051), earthPoint(50.1186, -5.5371));
    expect(surfaceDistanceOf(chord)).toBeGreaterThan(37_000);
    expect(surfaceDistanceOf(chord)).toBeLessThan(38_500);
  });

  it('turns a radius into a chord and back', () => {
    for (const metres of [1, 1000, 50_000, 500_000]) expect(surfaceDistanceOf(chordOf(metres))).toBeCloseTo(metres, 3);
  });
});
