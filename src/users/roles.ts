import type { Scope } from '../tenants/api-key.js';

export const ROLES = ['owner', 'admin', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

const READ: Scope[] = ['orders:read', 'catalog:read', 'warehouses:read', 'addresses:read', 'rates:read'];

/**
 * What each role may do, as the same scopes API keys carry, so that the API enforces roles with
 * the checks it already makes. Owners and admins hold `admin`; operators work orders (fix
 * addresses, decide), labels and tracking cases; viewers read.
 */
export const ROLE_SCOPES: Record<Role, readonly Scope[]> = {
  owner: ['admin'],
  admin: ['admin'],
  operator: [...READ, 'orders:write', 'shipments:write', 'tracking:write'],
  viewer: READ,
};

/** Whether `actor` may give `target` role to someone (only owners make owners). */
export function canGrant(actor: Role, target: Role): boolean {
  if (actor === 'owner') return true;
  return actor === 'admin' && target !== 'owner';
}
