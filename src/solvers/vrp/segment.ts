/**
 * Time-warp duration segments (Vidal et al. 2013; PyVRP's DurationSegment). A segment
 * summarizes a sequence of visits so that two sequences can be joined in O(1): its minimal
 * duration D, the time warp TW it needs (lateness forced back to the window), and the earliest
 * and latest start times E and L that achieve them. A route is feasible in time iff its TW is 0.
 */
export interface Seg {
  D: number;
  TW: number;
  E: number;
  L: number;
}

/** Joins `a` then `b` with travel time `t` between them. */
export function merge(a: Seg, b: Seg, t: number): Seg {
  const delta = a.D - a.TW + t;
  const wait = Math.max(b.E - delta - a.L, 0);
  const warp = Math.max(a.E + delta - b.L, 0);
  return {
    D: a.D + b.D + t + wait,
    TW: a.TW + b.TW + warp,
    E: Math.max(b.E - delta, a.E) - wait,
    L: Math.min(b.L - delta, a.L) + warp,
  };
}
