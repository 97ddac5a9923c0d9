import type { UsZipDirectory, UsZipInfo } from '../../src/addresses/ports.js';
import { cityKey } from '../../src/addresses/us/standardize.js';

/** A small ZIP directory with just the places a test names (the real one is tested in test/). */
export function smallZipDirectory(places: readonly (readonly [zip: string, state: string, place: string])[]): UsZipDirectory {
  return {
    lookup: (zip) => {
      const p = places.find((x) => x[0] === zip);
      return p && ({ zip5: p[0], state: p[1], places: [p[2]], county: null, lat: 0, lon: 0, densityPerKm2: null, military: false, timeZone: null } satisfies UsZipInfo);
    },
    isPlaceInState: (key, state) => places.some((p) => p[1] === state && cityKey(p[2]) === key),
    zipsForPlace: (key, state) => places.filter((p) => p[1] === state && cityKey(p[2]) === key).map((p) => p[0]),
    placeCentroids: () => [],
    isPlace: (key) => places.some((p) => cityKey(p[2]) === key),
    zip3Centroid: () => undefined,
    placeZipCount: (key) => places.filter((p) => cityKey(p[2]) === key).length,
  };
}
