import { brokenPairs, type Individual } from './individual.js';
import type { Penalties } from './route-builder.js';
import type { Rng } from './rng.js';

export interface PopulationParams {
  minSize: number;
  generationSize: number;
  nbElite: number;
  nbClose: number;
  lbDiversity: number;
  ubDiversity: number;
}

export const DEFAULT_POPULATION: PopulationParams = { minSize: 25, generationSize: 40, nbElite: 4, nbClose: 5, lbDiversity: 0.1, ubDiversity: 0.5 };

/**
 * HGS population: feasible and infeasible subpopulations; each keeps the individuals with the
 * best biased fitness, a mix of cost rank and diversity rank (average distance to the closest
 * others), so the search keeps good and different solutions.
 */
export class Population {
  readonly feasible: Individual[] = [];
  readonly infeasible: Individual[] = [];

  constructor(private readonly params: PopulationParams, private readonly rng: Rng) {}

  get size(): number {
    return this.feasible.length + this.infeasible.length;
  }

  add(ind: Individual, pen: Penalties): void {
    const sub = ind.feasible ? this.feasible : this.infeasible;
    for (const other of sub) {
      const d = brokenPairs(ind, other);
      insertSorted(ind.proximity, { d, other });
      insertSorted(other.proximity, { d, other: ind });
    }
    sub.push(ind);
    if (sub.length > this.params.minSize + this.params.generationSize) {
      while (sub.length > this.params.minSize) this.removeWorst(sub, pen);
    }
  }

  private removeWorst(sub: Individual[], pen: Penalties) {
    this.updateFitness(sub, pen);
    let worst = -1;
    let worstFit = -Infinity;
    let worstIsClone = false;
    for (let i = 0; i < sub.length; i++) {
      const ind = sub[i]!;
      const clone = ind.proximity.length > 0 && ind.proximity[0]!.d < 1e-9;
      if ((clone && !worstIsClone) || (clone === worstIsClone && ind.fitness > worstFit)) {
        worst = i;
        worstFit = ind.fitness;
        worstIsClone = clone;
      }
    }
    const [gone] = sub.splice(worst, 1);
    for (const other of sub) other.proximity = other.proximity.filter((x) => x.other !== gone);
  }

  private updateFitness(sub: Individual[], pen: Penalties) {
    const n = sub.length;
    if (n === 0) return;
    const byCost = [...sub].sort((a, b) => a.penalized(pen) - b.penalized(pen));
    const div = new Map<Individual, number>();
    for (const ind of sub) {
      const k = Math.min(this.params.nbClose, ind.proximity.length);
      let s = 0;
      for (let i = 0; i < k; i++) s += ind.proximity[i]!.d;
      div.set(ind, k > 0 ? s / k : 0);
    }
    const byDiv = [...sub].sort((a, b) => div.get(b)! - div.get(a)!);
    const divRank = new Map(byDiv.map((ind, i) => [ind, n > 1 ? i / (n - 1) : 0]));
    const eliteWeight = 1 - Math.min(this.params.nbElite, n) / n;
    byCost.forEach((ind, i) => {
      const costRank = n > 1 ? i / (n - 1) : 0;
      ind.fitness = costRank + eliteWeight * divRank.get(ind)!;
    });
  }

  /** Binary tournament on biased fitness over both subpopulations. */
  private tournament(pen: Penalties): Individual {
    this.updateFitness(this.feasible, pen);
    this.updateFitness(this.infeasible, pen);
    const all = this.feasible.length + this.infeasible.length;
    const pick = () => {
      const i = this.rng.int(all);
      return i < this.feasible.length ? this.feasible[i]! : this.infeasible[i - this.feasible.length]!;
    };
    const a = pick();
    const b = pick();
    return a.fitness < b.fitness ? a : b;
  }

  /** Two parents, preferably neither too alike nor too different. */
  selectParents(pen: Penalties): [Individual, Individual] {
    const first = this.tournament(pen);
    let second = this.tournament(pen);
    for (let tries = 0; tries < 10; tries++) {
      const d = brokenPairs(first, second);
      if (d >= this.params.lbDiversity && d <= this.params.ubDiversity) break;
      second = this.tournament(pen);
    }
    return [first, second];
  }

  clear(): void {
    this.feasible.length = 0;
    this.infeasible.length = 0;
  }
}

function insertSorted(list: { d: number; other: Individual }[], item: { d: number; other: Individual }) {
  let i = list.length;
  list.push(item);
  while (i > 0 && list[i - 1]!.d > item.d) {
    list[i] = list[i - 1]!;
    i--;
  }
  list[i] = item;
}
