export {
  CycleSimulation,
  simulateCycle,
  type ActivityFate,
  type SimulationOptions,
  type SimulationReport,
} from './cycle-driver';
export { seededRandom, type Random } from './random';
