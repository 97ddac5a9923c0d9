export { Problem, type ProblemInput, type Stop, type Vehicle } from './problem.js';
export { solveHgs, type RawSolution, type SolverOptions } from './hgs.js';
export { solve, type PlannedRoute, type PlannedStop, type Solution, type Unassigned } from './solve.js';
export { checkSolution, type CheckResult } from './check.js';
export { parseSolomon, solomonToProblem, type SolomonInstance } from './solomon.js';
