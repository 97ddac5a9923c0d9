import type { LatLon, TravelMatrix } from './ports.js';

const EARTH_RADIUS_M = 6_371_008.8;

export function haversineMeters(a: LatLon, b: LatLon): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * Speeds by distance band: the first kilometres of a trip run on local streets, longer trips
 * reach arterials and highways. Bands apply progressively, so time grows with distance.
 */
export interface SpeedProfile {
  /** Road distance = straight line × circuity (1.3 is typical of US road networks). */
  circuity: number;
  bands: { upToKm: number; kmh: number }[];
}

export const DEFAULT_TRUCK_PROFILE: SpeedProfile = {
  circuity: 1.3,
  bands: [
    { upToKm: 5, kmh: 25 },
    { upToKm: 30, kmh: 45 },
    { upToKm: Infinity, kmh: 70 },
  ],
};

export function travelSeconds(roadMeters: number, profile: SpeedProfile): number {
  let left = roadMeters / 1000;
  let from = 0;
  let hours = 0;
  for (const band of profile.bands) {
    const span = Math.min(left, band.upToKm - from);
    if (span > 0) {
      hours += span / band.kmh;
      left -= span;
    }
    from = band.upToKm;
    if (left <= 0) break;
  }
  return hours * 3600;
}

/** The default matrix: great-circle distance × circuity, times from the speed profile. */
export function haversineMatrix(points: LatLon[], profile: SpeedProfile = DEFAULT_TRUCK_PROFILE): TravelMatrix {
  const n = points.length;
  const distanceMeters = new Float64Array(n * n);
  const durationSeconds = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const road = haversineMeters(points[i]!, points[j]!) * profile.circuity;
      const t = travelSeconds(road, profile);
      distanceMeters[i * n + j] = distanceMeters[j * n + i] = road;
      durationSeconds[i * n + j] = durationSeconds[j * n + i] = t;
    }
  }
  return { size: n, distanceMeters, durationSeconds, source: `haversine x ${profile.circuity} circuity with distance-banded speeds` };
}

export const haversineMatrixPort = (profile: SpeedProfile = DEFAULT_TRUCK_PROFILE) => ({
  matrix: async (points: LatLon[]) => haversineMatrix(points, profile),
});
