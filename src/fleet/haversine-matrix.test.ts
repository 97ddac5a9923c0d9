import { expect, test } from 'vitest';
import { DEFAULT_TRUCK_PROFILE, haversineMatrix, haversineMeters, travelSeconds } from './haversine-matrix.js';

test('great-circle distances match known city pairs', () => {
  // Los Angeles City Hall to New York City Hall: about 3,936 km.
  const la = { lat: 34.0537, lon: -118.2428 };
  const ny = { lat: 40.7128, lon: -74.006 };
  expect(haversineMeters(la, ny) / 1000).toBeCloseTo(3936, -1);
  expect(haversineMeters(la, la)).toBe(0);
});

test('speed bands apply progressively', () => {
  // 5 km at 25 km/h = 12 min; then 25 km at 45 km/h = 33.33 min; then 10 km at 70 km/h.
  expect(travelSeconds(5000, DEFAULT_TRUCK_PROFILE)).toBeCloseTo(720, 6);
  expect(travelSeconds(40_000, DEFAULT_TRUCK_PROFILE)).toBeCloseTo(720 + 2000 + (10 / 70) * 3600, 6);
  expect(travelSeconds(0, DEFAULT_TRUCK_PROFILE)).toBe(0);
});

test('the matrix is symmetric, zero on the diagonal, road = straight line × circuity', () => {
  const pts = [{ lat: 34.05, lon: -118.25 }, { lat: 34.1, lon: -118.3 }, { lat: 33.9, lon: -118.1 }];
  const m = haversineMatrix(pts);
  expect(m.size).toBe(3);
  for (let i = 0; i < 3; i++) {
    expect(m.distanceMeters[i * 3 + i]).toBe(0);
    for (let j = 0; j < 3; j++) expect(m.distanceMeters[i * 3 + j]).toBe(m.distanceMeters[j * 3 + i]);
  }
  expect(m.distanceMeters[1]).toBeCloseTo(haversineMeters(pts[0]!, pts[1]!) * 1.3, 6);
});
