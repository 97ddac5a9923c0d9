export interface LatLon {
  lat: number;
  lon: number;
}

/** Travel between every pair of points, row-major (from i to j at i * size + j). */
export interface TravelMatrix {
  size: number;
  distanceMeters: Float64Array;
  durationSeconds: Float64Array;
  /** Which model produced it, for the plan's explanation. */
  source: string;
}

/** Road distances and times: haversine estimate by default, OSRM when configured. */
export interface DistanceMatrixPort {
  matrix(points: LatLon[]): Promise<TravelMatrix>;
}
